package main

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/bench/kit"
	"github.com/durable-assistants/durable-assistants/internal/devserver"
)

// TestSmoke runs the bench in smoke mode: it checks that every scenario
// still runs and reports figures, not that they meet a budget.
func TestSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a dev server and worker processes")
	}
	// The CLI is built before the clock starts: on a new machine the build
	// alone outlasted the 5 minutes (smoke failed so on a fresh CI machine).
	_, err := devserver.EnsureCLI(context.Background())
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	md, err := run(ctx, true, "", nil, t.Logf)
	require.NoError(t, err)
	t.Log("\n" + md)
	number := regexp.MustCompile(`\| *[0-9.]+ *(ms|s|x|runs/s|MiB|KiB|%)?`)
	for _, name := range sections {
		title := "## " + titles[name]
		i := strings.Index(md, title)
		require.GreaterOrEqual(t, i, 0, "section %q missing", name)
		body := md[i+len(title):]
		if j := strings.Index(body, "\n## "); j >= 0 {
			body = body[:j]
		}
		require.Regexp(t, number, body, "section %q has no figures", name)
	}
	require.Contains(t, md, "| workflows.Run, stream mode |")
	require.Contains(t, md, "| embedded worker: + eager start (client.Options.EagerStart) |")
}

func TestKitUsesServeDefaultPollers(t *testing.T) {
	require.Equal(t, 8, kit.DefaultActivityPollers())
}
