package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"

	"github.com/durable-assistants/durable-assistants/internal/devserver"
)

// nodePeer runs bench/node/peer.mjs for n sequential runs. It returns a
// reason instead of figures when node or npm is missing.
func nodePeer(ctx context.Context, url, assistantID string, s shape, n, pollMs int) ([]time.Duration, string, error) {
	if _, err := exec.LookPath("node"); err != nil {
		return nil, "node not installed", nil
	}
	root, err := devserver.RepoRoot()
	if err != nil {
		return nil, "", err
	}
	dir := filepath.Join(root, "bench", "node")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "openai")); err != nil {
		if _, err := exec.LookPath("npm"); err != nil {
			return nil, "npm not installed", nil
		}
		if err := runCmd(ctx, dir, "npm", "ci", "--no-audit", "--no-fund"); err != nil {
			return nil, "npm ci failed", err
		}
	}
	cmd := exec.CommandContext(ctx, "node", "peer.mjs")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "BASE_URL="+url, "ASSISTANT_ID="+assistantID, "MESSAGE="+s.message(),
		"RUNS="+strconv.Itoa(n))
	if pollMs > 0 {
		cmd.Env = append(cmd.Env, "POLL_MS="+strconv.Itoa(pollMs))
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, "", fmt.Errorf("node peer: %v\n%s", err, errb.String())
	}
	var r struct {
		WallsMs []float64 `json:"walls_ms"`
	}
	if err := json.Unmarshal(bytes.TrimSpace(out.Bytes()), &r); err != nil {
		return nil, "", fmt.Errorf("node peer output %q: %w", out.String(), err)
	}
	ds := make([]time.Duration, len(r.WallsMs))
	for i, v := range r.WallsMs {
		ds[i] = time.Duration(v * float64(time.Millisecond))
	}
	return ds, "", nil
}
