// Command devserver builds the pinned Temporal CLI into ./bin (once) and runs
// its dev server on localhost:7233 with the UI on :8233, keeping state in
// .data/temporal.db so runs survive a restart. Ctrl-C stops it.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/durable-assistants/durable-assistants/internal/devserver"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "devserver:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	root, err := devserver.RepoRoot()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(root, ".data"), 0o755); err != nil {
		return err
	}
	srv, err := devserver.Start(ctx, devserver.Options{
		HostPort: "127.0.0.1:7233",
		UIPort:   "8233",
		DBFile:   filepath.Join(root, ".data", "temporal.db"),
		Output:   os.Stderr,
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, "devserver: Temporal on 127.0.0.1:7233, UI on http://localhost:8233 (Ctrl-C stops)")
	<-ctx.Done()
	return srv.Stop()
}
