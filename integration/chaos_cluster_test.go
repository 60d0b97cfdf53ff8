package integration

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/internal/cluster"
)

// chaosClusterRestart kills the server process of a PostgreSQL-backed
// cluster (SIGKILL) mid-run and starts it again on the same database: the
// worker reconnects, the history shards are taken over by the new process,
// and the run finishes once. The cluster is the test's own, so the other
// tests running in parallel keep their server.
func chaosClusterRestart(t *testing.T, p protocol) {
	c, err := cluster.Start(context.Background(), cluster.Options{})
	require.NoError(t, err)
	t.Cleanup(c.Stop)
	chaosRestart(t, p, "e server restart (cluster)", c.FrontendHostPort(), func() {
		require.NoError(t, c.RestartServer(context.Background()))
	})
}
