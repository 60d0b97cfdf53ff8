package cluster

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// TestClusterRunsOnPostgresWithShards: the server reports PostgreSQL for
// both stores and 4 history shards, the namespace has the workflows' search
// attributes, and after a SIGKILL of the server the same data is served.
func TestClusterRunsOnPostgresWithShards(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and starts a Temporal server on PostgreSQL")
	}
	if _, err := postgresBinDir(); err != nil && os.Getenv("CI") != "true" {
		t.Skip(err) // CI (.ci/run) installs PostgreSQL, and fails here without it
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	c, err := Start(ctx, Options{})
	require.NoError(t, err)
	t.Cleanup(c.Stop)
	tc, err := client.DialContext(ctx, client.Options{HostPort: c.FrontendHostPort(), Namespace: Namespace})
	require.NoError(t, err)
	defer tc.Close()

	info, err := tc.WorkflowService().GetClusterInfo(ctx, &workflowservice.GetClusterInfoRequest{})
	require.NoError(t, err)
	require.EqualValues(t, 4, info.GetHistoryShardCount())
	require.Equal(t, "postgres12", info.GetPersistenceStore())
	require.Equal(t, "postgres12", info.GetVisibilityStore())
	require.Equal(t, "1.29.1", info.GetServerVersion())

	attrs, err := tc.OperatorService().ListSearchAttributes(ctx, &operatorservice.ListSearchAttributesRequest{Namespace: Namespace})
	require.NoError(t, err)
	for name, typ := range assistant.SearchAttributeTypes() {
		require.Equal(t, typ, attrs.GetCustomAttributes()[name], name)
	}

	require.NoError(t, c.RestartServer(ctx))
	require.NotContains(t, c.server.logTail(), "panic")
	// The old connection reconnects with a backoff of its own: allow it.
	require.Eventually(t, func() bool {
		_, err = tc.WorkflowService().DescribeNamespace(ctx, &workflowservice.DescribeNamespaceRequest{Namespace: Namespace})
		return err == nil
	}, 20*time.Second, 100*time.Millisecond, "the namespace survives the restart (it is in PostgreSQL): %v", err)
}
