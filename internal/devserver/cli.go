// Package devserver installs and starts the official Temporal CLI dev server
// for development, tests and the demo: the CLI is built from source at a
// pinned version into the repository's bin/ directory, so a machine with only
// Go installed can run everything.
package devserver

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// CLIVersion is the pinned Temporal CLI (newer tags carry a replace directive
// and cannot be `go install`ed).
const CLIVersion = "v1.5.1"

const cliPackage = "github.com/temporalio/cli/cmd/temporal"

// RepoRoot finds the directory holding go.mod, from the working directory up.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("go.mod not found above the working directory")
		}
		dir = parent
	}
}

// EnsureCLI returns the path of bin/temporal, building it first when it is
// missing or of another version. Concurrent callers (test packages run in
// parallel) serialize on a lock file, so it is built once.
func EnsureCLI(ctx context.Context) (string, error) {
	root, err := RepoRoot()
	if err != nil {
		return "", err
	}
	bin := filepath.Join(root, "bin")
	path := filepath.Join(bin, "temporal")
	if hasVersion(path) {
		return path, nil
	}
	if err := os.MkdirAll(bin, 0o755); err != nil {
		return "", err
	}
	unlock, err := Lock(filepath.Join(bin, ".temporal.lock"))
	if err != nil {
		return "", err
	}
	defer unlock()
	if hasVersion(path) { // another process built it while we waited
		return path, nil
	}
	if err := buildCLI(ctx, bin); err != nil {
		return "", err
	}
	return path, os.WriteFile(path+".version", []byte(CLIVersion+"\n"), 0o644)
}

// hasVersion checks the stamp written after a successful build: a CLI built
// with go install reports its version as 0.0.0-DEV.
func hasVersion(path string) bool {
	stamp, err := os.ReadFile(path + ".version")
	if err != nil || strings.TrimSpace(string(stamp)) != CLIVersion {
		return false
	}
	_, err = os.Stat(path)
	return err == nil
}

// Lock takes an exclusive file lock at path, for builds into bin/ that
// parallel test packages share; the returned func releases it.
func Lock(path string) (func(), error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() { _ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN); f.Close() }, nil
}
