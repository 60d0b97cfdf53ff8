package serve

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
)

// awaitNamespace waits until the server describes the namespace, for at most
// a minute. Worker.Start describes it once, with a 10 s limit, and remembers
// a failure: a server that has just come up, or is briefly overloaded, would
// otherwise stop the worker at start.
func awaitNamespace(ctx context.Context, tc client.Client, namespace string, logger *slog.Logger) error {
	deadline := time.Now().Add(time.Minute)
	for {
		dctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		_, err := tc.WorkflowService().DescribeNamespace(dctx, &workflowservice.DescribeNamespaceRequest{Namespace: namespace})
		cancel()
		if err == nil {
			return nil
		}
		if ctx.Err() != nil || time.Now().After(deadline) {
			return fmt.Errorf("describe namespace %q: %w", namespace, err)
		}
		logger.Warn("The Temporal server does not describe the namespace yet; trying again", "Namespace", namespace, "Error", err)
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
}
