package integration

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/internal/devserver"
)

// browser drives Debian's headless Chromium directly (no Go dependency): it
// dumps a page's DOM after the single-page app rendered, or screenshots it.
type browser struct {
	t    *testing.T
	path string
}

// findBrowser returns the Chromium of the machine. CI installs it (.ci/run),
// so there a missing browser fails the test instead of skipping it.
func findBrowser(t *testing.T) *browser {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return &browser{t: t, path: p}
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium not found: .ci/run installs Debian's chromium package")
	}
	t.Skip("chromium not installed (apt-get install chromium); CI runs this test")
	return nil
}

func (b *browser) args(extra ...string) []string {
	return append([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--hide-scrollbars", "--user-data-dir=" + b.t.TempDir(), "--virtual-time-budget=15000",
	}, extra...)
}

func (b *browser) run(args ...string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, b.path, b.args(args...)...)
	cmd.Env = append(os.Environ(), "HOME="+b.t.TempDir())
	out, err := cmd.Output()
	require.NoError(b.t, err, "chromium %v", args)
	return string(out)
}

// dom is the page's DOM once the app rendered (polled until want shows up).
func (b *browser) dom(url string, want ...string) string {
	b.t.Helper()
	var html string
	deadline := time.Now().Add(60 * time.Second)
	for {
		html = b.run("--dump-dom", url)
		if containsAll(html, want) || time.Now().After(deadline) {
			return html
		}
		time.Sleep(time.Second)
	}
}

// screenshot saves the page as a PNG under test-artifacts/ui/ and returns its path.
func (b *browser) screenshot(url, name string) string {
	b.t.Helper()
	root, err := devserver.RepoRoot()
	require.NoError(b.t, err)
	dir := filepath.Join(root, "test-artifacts", "ui")
	require.NoError(b.t, os.MkdirAll(dir, 0o755))
	path := filepath.Join(dir, name)
	b.run("--screenshot="+path, "--window-size=1400,1000", url)
	info, err := os.Stat(path)
	require.NoError(b.t, err)
	require.Positive(b.t, info.Size())
	return path
}

func containsAll(s string, subs []string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}
