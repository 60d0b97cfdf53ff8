package mcptools

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/durable-assistants/durable-assistants/tools"
)

// IdempotencyKeyMeta is the _meta key of every tools/call request: the call's stable
// idempotency key (thread/run/tool_call_id), the same on every attempt, so a server with
// side effects can act once although a call may be sent again after a worker crash.
const IdempotencyKeyMeta = "durable-assistants/idempotency_key"

// handler calls the server's tool. An MCP error result, or an error the server answers
// the request with, is an output the model sees; a failure to reach the server is
// retried (tools.Retryable), on a new connection once the supervisor has made one.
func (s *Source) handler(remote string) func(context.Context, json.RawMessage) (any, error) {
	return func(ctx context.Context, args json.RawMessage) (any, error) {
		sess := s.current()
		if sess == nil {
			return nil, tools.Retryable(fmt.Errorf("MCP server %q is not connected", s.srv.Name))
		}
		params := &mcp.CallToolParams{Name: remote, Arguments: args}
		if info, ok := tools.CallInfoFrom(ctx); ok {
			params.Meta = mcp.Meta{IdempotencyKeyMeta: info.IdempotencyKey()}
		}
		res, err := sess.CallTool(ctx, params)
		if err != nil {
			return nil, s.callError(ctx, sess, err)
		}
		return output(res)
	}
}

// callError sorts a failed request: the server's answer goes to the model, a broken
// connection is closed (the supervisor reconnects) and the call retried.
func (s *Source) callError(ctx context.Context, sess *mcp.ClientSession, err error) error {
	var wire *jsonrpc.Error
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case errors.As(err, &wire):
		return fmt.Errorf("MCP server %q refused the call: %s", s.srv.Name, wire.Message)
	case errors.As(err, &syntax), errors.As(err, &typ):
		return fmt.Errorf("MCP server %q returned a malformed result: %v", s.srv.Name, err)
	}
	_ = sess.Close()
	return tools.Retryable(fmt.Errorf("MCP server %q: %w", s.srv.Name, err))
}

// output is what the model sees of a result: the structured content when there is some,
// else the text parts; an error result becomes an error output.
func output(res *mcp.CallToolResult) (any, error) {
	text := contentText(res.Content)
	if res.IsError {
		if text == "" {
			text = "the tool reported an error"
		}
		return nil, errors.New(text)
	}
	if res.StructuredContent != nil {
		return res.StructuredContent, nil
	}
	return text, nil
}

// contentText joins the text parts; other parts are named, since the model reads text.
func contentText(parts []mcp.Content) string {
	var b []string
	for _, c := range parts {
		switch c := c.(type) {
		case *mcp.TextContent:
			b = append(b, c.Text)
		case *mcp.ImageContent:
			b = append(b, fmt.Sprintf("[image %s, %d bytes]", c.MIMEType, len(c.Data)))
		case *mcp.AudioContent:
			b = append(b, fmt.Sprintf("[audio %s, %d bytes]", c.MIMEType, len(c.Data)))
		case *mcp.ResourceLink:
			b = append(b, fmt.Sprintf("[resource %s]", c.URI))
		case *mcp.EmbeddedResource:
			if c.Resource != nil && c.Resource.Text != "" {
				b = append(b, c.Resource.Text)
			} else if c.Resource != nil {
				b = append(b, fmt.Sprintf("[resource %s]", c.Resource.URI))
			}
		}
	}
	return strings.Join(b, "\n")
}
