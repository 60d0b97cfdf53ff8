package mcptools

import (
	"context"
	"fmt"
	"slices"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/durable-assistants/durable-assistants/tools"
)

// refresh reads the server's tool list and puts it in the registry in place of the
// previous one, in one step.
func (s *Source) refresh(ctx context.Context, sess *mcp.ClientSession) error {
	var next []tools.Tool
	for t, err := range sess.Tools(ctx, nil) {
		if err != nil {
			return fmt.Errorf("list tools: %w", err)
		}
		if len(s.srv.Include) > 0 && !slices.Contains(s.srv.Include, t.Name) {
			continue
		}
		tool, err := s.tool(t)
		if err != nil {
			return err
		}
		next = append(next, tool)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	if err := s.reg.Swap(s.names, next...); err != nil {
		return err
	}
	s.names = s.names[:0]
	for _, t := range next {
		s.names = append(s.names, t.Name)
	}
	return nil
}

// tool turns one listed MCP tool into a registry tool whose handler calls it.
func (s *Source) tool(t *mcp.Tool) (tools.Tool, error) {
	schema, ok := t.InputSchema.(map[string]any)
	if !ok && t.InputSchema != nil {
		return tools.Tool{}, fmt.Errorf("tool %q: input schema is not a JSON object", t.Name)
	}
	remote := t.Name
	return tools.Tool{
		Name:        s.srv.Prefix + remote,
		Description: t.Description,
		Parameters:  schema,
		Handler:     s.handler(remote),
		Options:     s.srv.options(),
	}, nil
}

// toolListChanged is the server's notification that its tools changed: read them anew.
func (s *Source) toolListChanged(ctx context.Context, req *mcp.ToolListChangedRequest) {
	sess := req.Session
	go func() { // not on the connection's own goroutine, which must go on reading
		if err := s.refresh(context.WithoutCancel(ctx), sess); err != nil {
			s.log.Warn("MCP tool list refresh failed; keeping the previous list", "error", err)
			return
		}
		s.log.Info("MCP tool list refreshed", "tools", s.Tools())
	}()
}
