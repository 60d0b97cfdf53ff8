package devserver

import (
	"context"
	"fmt"
	"io"
	"net"
	"strconv"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/testsuite"

	"github.com/durable-assistants/durable-assistants/workflows"
)

// Options start a dev server.
type Options struct {
	// HostPort of the frontend, "" for a free port on 127.0.0.1.
	HostPort string
	// UIPort, "" for no UI.
	UIPort string
	// DBFile keeps state across restarts; "" keeps it in memory.
	DBFile string
	// ExtraArgs go to `temporal server start-dev` (e.g. dynamic config).
	ExtraArgs []string
	// Output receives the server's log (default: discarded).
	Output io.Writer
}

// Start builds the CLI if needed and starts a dev server. Stop it with Stop.
func Start(ctx context.Context, o Options) (*testsuite.DevServer, error) {
	path, err := EnsureCLI(ctx)
	if err != nil {
		return nil, err
	}
	if o.HostPort == "" {
		if o.HostPort, err = FreeHostPort(); err != nil {
			return nil, err
		}
	}
	if o.Output == nil {
		o.Output = io.Discard
	}
	srv, err := testsuite.StartDevServer(ctx, testsuite.DevServerOptions{
		ExistingPath:  path,
		ClientOptions: &client.Options{HostPort: o.HostPort, Namespace: "default"},
		DBFilename:    o.DBFile,
		EnableUI:      o.UIPort != "",
		UIPort:        o.UIPort,
		LogLevel:      "warn",
		ExtraArgs:     o.ExtraArgs,
		// Always registered: workflows upsert them, and an unknown search
		// attribute fails their workflow tasks.
		SearchAttributes: workflows.AllSearchAttributes(),
		Stdout:           o.Output,
		Stderr:           o.Output,
	})
	if err != nil {
		return nil, fmt.Errorf("start Temporal dev server: %w", err)
	}
	return srv, nil
}

// FreeHostPort returns a 127.0.0.1 address with a port free right now.
func FreeHostPort() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return "127.0.0.1:" + strconv.Itoa(l.Addr().(*net.TCPAddr).Port), nil
}
