package devserver

import (
	"context"
	"fmt"
	"io"
	"net"
	"slices"
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

// startAttempts is how often Start tries on fresh free ports: a port found
// free can be taken by another process before the server binds it.
const startAttempts = 3

// Start builds the CLI if needed and starts a dev server. Stop it with Stop.
// On failure the error ends with the server's last output.
func Start(ctx context.Context, o Options) (*testsuite.DevServer, error) {
	path, err := EnsureCLI(ctx)
	if err != nil {
		return nil, err
	}
	auto := o.HostPort == ""
	for attempt := 1; ; attempt++ {
		srv, tail, err := start(ctx, path, o, auto)
		if err == nil {
			return srv, nil
		}
		if !auto || attempt == startAttempts || ctx.Err() != nil {
			return nil, fmt.Errorf("start Temporal dev server: %w\nits last output:\n%s", err, tail)
		}
	}
}

func start(ctx context.Context, path string, o Options, auto bool) (*testsuite.DevServer, string, error) {
	args := o.ExtraArgs
	if auto {
		var err error
		if o.HostPort, err = FreeHostPort(); err != nil {
			return nil, "", err
		}
		// The HTTP API would default to the frontend port + 1000: pick a
		// free one too, so two test servers never collide there.
		httpPort, err := FreeHostPort()
		if err != nil {
			return nil, "", err
		}
		_, port, _ := net.SplitHostPort(httpPort)
		args = append(slices.Clone(args), "--http-port", port)
	}
	tail := &tailBuffer{max: 4 << 10}
	out := io.Writer(tail)
	if o.Output != nil {
		out = io.MultiWriter(o.Output, tail)
	}
	srv, err := testsuite.StartDevServer(ctx, testsuite.DevServerOptions{
		ExistingPath:  path,
		ClientOptions: &client.Options{HostPort: o.HostPort, Namespace: "default"},
		DBFilename:    o.DBFile,
		EnableUI:      o.UIPort != "",
		UIPort:        o.UIPort,
		LogLevel:      "warn",
		ExtraArgs:     args,
		// Always registered: workflows upsert them, and an unknown search
		// attribute fails their workflow tasks.
		SearchAttributes: workflows.AllSearchAttributes(),
		Stdout:           out,
		Stderr:           out,
	})
	return srv, tail.String(), err
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
