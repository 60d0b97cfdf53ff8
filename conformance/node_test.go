package conformance_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/conformance"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// TestOfficialNodeClient runs conformance/node/run.mjs, the official openai
// npm client's Assistants run helpers and Responses calls, against the
// validated emulator. It installs the pinned package with npm ci when
// node_modules is missing; without node or npm it skips, except in CI.
func TestOfficialNodeClient(t *testing.T) {
	node, npm := lookTool(t, "node"), lookTool(t, "npm")
	dir, err := filepath.Abs("node")
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "openai", "package.json")); err != nil {
		cmd := exec.CommandContext(ctx, npm, "ci", "--no-audit", "--no-fund")
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "npm ci in %s:\n%s", dir, out)
	}

	srv := openaitest.New(openaitest.Options{ModelLatency: 2 * time.Millisecond, APIKey: "k", PollAfterMs: 5})
	chk, url := conformance.NewServer(t, srv)
	cmd := exec.CommandContext(ctx, node, "run.mjs", url)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	t.Logf("node run.mjs:\n%s", out)
	require.NoError(t, err, "the official node client failed against the emulator")
	require.Contains(t, string(out), "node conformance: ok")
	require.Empty(t, chk.Violations())
}

// lookTool finds a binary on PATH; missing, it fails in CI and skips elsewhere.
func lookTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not on PATH; CI needs Node.js 20+ with npm for the official-client conformance test", name)
	}
	t.Skipf("%s is not on PATH: the official node client conformance test needs Node.js 20+ with npm", name)
	return ""
}
