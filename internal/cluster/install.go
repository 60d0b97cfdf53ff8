package cluster

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/durable-assistants/durable-assistants/internal/devserver"
)

// ServerVersion is the pinned Temporal server: the one the pinned CLI
// (devserver.CLIVersion) embeds, so the dev server and the cluster run the
// same server code on different persistence. Its module has no replace
// directive, so it is `go install`ed like the CLI, outside our go.mod.
const ServerVersion = "v1.29.1"

const (
	serverPackage  = "go.temporal.io/server/cmd/server"
	sqlToolPackage = "go.temporal.io/server/cmd/tools/sql"
)

// binaries are the server and its SQL schema tool (temporal-sql-tool).
type binaries struct{ server, sqlTool string }

// ensureBinaries returns the server and schema tool in
// bin/temporal-server-<version>/, building them first when missing.
// Concurrent callers (test packages run in parallel) wait on a lock file, so
// they are built once.
func ensureBinaries(ctx context.Context) (binaries, error) {
	root, err := devserver.RepoRoot()
	if err != nil {
		return binaries{}, err
	}
	dir := filepath.Join(root, "bin", "temporal-server-"+ServerVersion)
	b := binaries{server: filepath.Join(dir, "server"), sqlTool: filepath.Join(dir, "sql")}
	if b.present() {
		return b, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return b, err
	}
	unlock, err := devserver.Lock(dir + ".lock")
	if err != nil {
		return b, err
	}
	defer unlock()
	if b.present() { // another process built them while we waited
		return b, nil
	}
	fmt.Fprintf(os.Stderr, "cluster: building Temporal server %s into %s (once; takes several minutes)\n", ServerVersion, dir)
	cmd := exec.CommandContext(ctx, "go", "install", serverPackage+"@"+ServerVersion, sqlToolPackage+"@"+ServerVersion)
	cmd.Env = append(os.Environ(), "GOBIN="+dir, "GOFLAGS=-buildvcs=false")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return b, fmt.Errorf("go install %s and %s at %s: %w", serverPackage, sqlToolPackage, ServerVersion, err)
	}
	return b, nil
}

// present: go install writes each binary whole (rename), so existing means
// built.
func (b binaries) present() bool {
	for _, p := range []string{b.server, b.sqlTool} {
		if _, err := os.Stat(p); err != nil {
			return false
		}
	}
	return true
}
