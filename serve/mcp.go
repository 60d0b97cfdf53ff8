package serve

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/durable-assistants/durable-assistants/tools"
	"github.com/durable-assistants/durable-assistants/tools/mcptools"
)

// connectMCP registers the tools of the MCP servers that MCP_SERVERS names, before the
// worker starts polling; close stops them (a stdio server is a child of the worker).
func connectMCP(ctx context.Context, raw string, reg *tools.Registry, logger *slog.Logger) (close func(), err error) {
	servers, err := mcptools.ParseServers(raw)
	if err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	var sources []*mcptools.Source
	close = func() {
		var errs []error
		for _, s := range sources {
			errs = append(errs, s.Close())
		}
		if err := errors.Join(errs...); err != nil {
			logger.Warn("Closing MCP servers", "error", err)
		}
	}
	for _, srv := range servers {
		s, err := mcptools.Connect(ctx, reg, srv, logger)
		if err != nil {
			close()
			return nil, err
		}
		sources = append(sources, s)
		logger.Info("MCP server connected", "mcp_server", srv.Name, "tools", s.Tools())
	}
	return close, nil
}
