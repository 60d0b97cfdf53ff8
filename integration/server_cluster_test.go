package integration

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
	tclient "go.temporal.io/sdk/client"

	"github.com/durable-assistants/durable-assistants/client"
	"github.com/durable-assistants/durable-assistants/internal/cluster"
	"github.com/durable-assistants/durable-assistants/internal/devserver"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// TEMPORAL_SERVER selects the Temporal server the suite runs on: "dev" (the
// default) is the CLI's dev server (SQLite, one shard); "cluster" is the
// official server on PostgreSQL with 4 history shards (internal/cluster).
var onCluster = os.Getenv("TEMPORAL_SERVER") == "cluster"

// startSuiteServer starts the server every test of the package shares and
// returns its frontend address.
func startSuiteServer(ctx context.Context) (addr string, stop func(), err error) {
	switch os.Getenv("TEMPORAL_SERVER") {
	case "", "dev":
		srv, err := devserver.Start(ctx, devserver.Options{})
		if err != nil {
			return "", nil, err
		}
		return srv.FrontendHostPort(), func() { _ = srv.Stop() }, nil
	case "cluster":
		c, err := cluster.Start(ctx, cluster.Options{})
		if err != nil {
			return "", nil, err
		}
		return c.FrontendHostPort(), c.Stop, nil
	default:
		return "", nil, fmt.Errorf("TEMPORAL_SERVER=%q is not dev or cluster", os.Getenv("TEMPORAL_SERVER"))
	}
}

// ownServerEnv is newEnv on a server of its own (startOwnServer): its
// Temporal client and the client of the package talk to that server, whose
// address it returns for the worker (TEMPORAL_ADDRESS).
func ownServerEnv(t *testing.T, dynamicConfig map[string]any) (*env, string) {
	t.Helper()
	addr := startOwnServer(t, dynamicConfig)
	e := newEnv(t, openaitest.Options{})
	tc, err := tclient.Dial(tclient.Options{HostPort: addr})
	require.NoError(t, err)
	t.Cleanup(tc.Close)
	e.tc, e.client = tc, client.New(tc, client.Options{TaskQueue: e.taskQueue})
	return e, addr
}

// startOwnServer starts, for one test, a server of the kind TEMPORAL_SERVER
// selects, with dynamic config values of its own for every namespace (the
// suite's server keeps the defaults the other tests rely on). It returns
// the frontend address; the server is stopped at cleanup.
func startOwnServer(t *testing.T, dynamicConfig map[string]any) string {
	t.Helper()
	if onCluster {
		c, err := cluster.Start(context.Background(), cluster.Options{DynamicConfig: dynamicConfig})
		require.NoError(t, err)
		t.Cleanup(c.Stop)
		return c.FrontendHostPort()
	}
	var args []string
	for k, v := range dynamicConfig {
		j, err := json.Marshal(v) // the CLI parses the value as JSON
		require.NoError(t, err)
		args = append(args, "--dynamic-config-value", k+"="+string(j))
	}
	srv, err := devserver.Start(context.Background(), devserver.Options{ExtraArgs: args})
	require.NoError(t, err)
	t.Cleanup(func() { _ = srv.Stop() })
	return srv.FrontendHostPort()
}
