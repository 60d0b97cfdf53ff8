package client

import (
	"context"
	"fmt"
	"strings"

	tclient "go.temporal.io/sdk/client"
)

// runOperation starts the workflow of one operation on assistants, threads
// or files (workflowType, op), whose one activity runs on a worker, which
// holds the API key, and waits for its result.
func runOperation[R any](ctx context.Context, c *Client, workflowType, op, summary string, in any) (R, error) {
	var res R
	kind := strings.ToLower(workflowType) // "assistants", "threads", "files"
	so := tclient.StartWorkflowOptions{
		ID:            kind + "-" + op + "-" + randomSuffix(),
		TaskQueue:     c.opts.TaskQueue,
		StaticSummary: summary,
	}
	wr, err := c.tc.ExecuteWorkflow(ctx, so, workflowType, in)
	if err != nil {
		return res, fmt.Errorf("start %s workflow: %w", kind, err)
	}
	err = wr.Get(ctx, &res)
	return res, err
}
