// Package cluster starts a Temporal server the way a production cluster
// runs: the official server binary (go.temporal.io/server, pinned, built
// into ./bin like the CLI), on PostgreSQL, with several history shards and
// its frontend, history, matching and worker services. The integration
// suite runs on it with TEMPORAL_SERVER=cluster; the dev server
// (internal/devserver) is the default.
//
// PostgreSQL is Debian's (/usr/lib/postgresql/*/bin), started on a private
// port and data directory and thrown away at Stop.
package cluster

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"go.temporal.io/sdk/client"
	tlog "go.temporal.io/sdk/log"
)

// Options start a cluster.
type Options struct {
	// HistoryShards is fixed for the life of a cluster; default 4.
	HistoryShards int
	// DynamicConfig values go to the server's dynamic config file, over
	// the defaults (defaultDynamicConfig), for every namespace: e.g.
	// "limit.historyCount.suggestContinueAsNew": 60. Keys and values are
	// the server's (go.temporal.io/server/common/dynamicconfig).
	DynamicConfig map[string]any
}

// Cluster is a running server and its database.
type Cluster struct {
	dir    string
	bins   binaries
	pg     *postgres
	ports  ports
	server *process
}

// Start builds the server if needed, starts PostgreSQL, creates the schema,
// starts the server and registers the namespace "default" with the
// workflows' search attributes. Stop it with Stop.
func Start(ctx context.Context, o Options) (_ *Cluster, err error) {
	if o.HistoryShards == 0 {
		o.HistoryShards = 4
	}
	bins, err := ensureBinaries(ctx)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "da-cluster-")
	if err != nil {
		return nil, err
	}
	c := &Cluster{dir: dir, bins: bins}
	defer func() {
		if err != nil {
			c.Stop()
		}
	}()
	if err := os.Chmod(dir, 0o755); err != nil { // PostgreSQL's user enters it
		return nil, err
	}
	if c.pg, err = startPostgres(ctx, dir); err != nil {
		return nil, err
	}
	if err := createSchemas(ctx, bins.sqlTool, c.pg.port); err != nil {
		return nil, err
	}
	if c.ports, err = freePorts(); err != nil {
		return nil, err
	}
	if err := writeConfig(dir, serverConfig{Ports: c.ports, Shards: o.HistoryShards, PostgresPort: c.pg.port}, o.DynamicConfig); err != nil {
		return nil, err
	}
	if err := c.startServer(ctx); err != nil {
		return nil, err
	}
	tc, err := c.dial(ctx)
	if err != nil {
		return nil, err
	}
	defer tc.Close()
	if err := registerNamespace(ctx, tc); err != nil {
		return nil, fmt.Errorf("%w\nthe server's log ends:\n%s", err, c.server.logTail())
	}
	return c, nil
}

// FrontendHostPort is the address clients and workers dial.
func (c *Cluster) FrontendHostPort() string {
	return "127.0.0.1:" + strconv.Itoa(c.ports.Frontend)
}

// RestartServer kills the server process (SIGKILL: a crash, not a
// shutdown) and starts it again on the same database and ports; it returns
// once the frontend answers again.
func (c *Cluster) RestartServer(ctx context.Context) error {
	c.server.stop(syscall.SIGKILL, 10*time.Second)
	return c.startServer(ctx)
}

// Stop stops the server and PostgreSQL and deletes their data.
func (c *Cluster) Stop() {
	if c.server != nil {
		c.server.stop(syscall.SIGTERM, 10*time.Second)
	}
	if c.pg != nil {
		c.pg.stop()
	}
	_ = os.RemoveAll(c.dir)
}

// ServerLog is the path of the server's log file (kept until Stop).
func (c *Cluster) ServerLog() string { return filepath.Join(c.dir, "server.log") }

func (c *Cluster) startServer(ctx context.Context) error {
	p, err := startProcess(c.ServerLog(), nil, syscall.SIGKILL, c.bins.server,
		"--root", c.dir, "--config", "config", "--env", "development", "--allow-no-auth", "start")
	if err != nil {
		return err
	}
	c.server = p
	tc, err := c.dial(ctx)
	if err != nil {
		return err
	}
	tc.Close()
	return nil
}

// dial connects to the frontend once it answers its health check.
func (c *Cluster) dial(ctx context.Context) (client.Client, error) {
	deadline := time.Now().Add(60 * time.Second)
	for {
		tc, err := client.DialContext(ctx, client.Options{HostPort: c.FrontendHostPort(), Namespace: Namespace,
			Logger: tlog.NewStructuredLogger(slog.New(slog.DiscardHandler))})
		if err == nil {
			return tc, nil
		}
		if c.server.exited() || time.Now().After(deadline) || ctx.Err() != nil {
			return nil, fmt.Errorf("start the Temporal server at %s: %w\nits log ends:\n%s", c.FrontendHostPort(), err, c.server.logTail())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// ServerPID and PostgresPID are the processes' IDs, for CPU figures.
func (c *Cluster) ServerPID() int { return c.server.cmd.Process.Pid }

// PostgresPID is PostgreSQL's postmaster; its connections are its children.
func (c *Cluster) PostgresPID() int { return c.pg.proc.cmd.Process.Pid }
