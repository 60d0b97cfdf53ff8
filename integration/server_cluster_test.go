package integration

import (
	"context"
	"fmt"
	"os"

	"github.com/durable-assistants/durable-assistants/internal/cluster"
	"github.com/durable-assistants/durable-assistants/internal/devserver"
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
