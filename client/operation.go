package client

import (
	"context"
	"errors"
	"fmt"
	"strings"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	tclient "go.temporal.io/sdk/client"
)

// runOperation starts the workflow of one operation on assistants, threads
// or files (workflowType, op), whose one activity runs on a worker, which
// holds the API key, and waits for its result; opts name it otherwise.
func runOperation[R any](ctx context.Context, c *Client, workflowType, op, summary string, in any, opts ...func(*tclient.StartWorkflowOptions)) (R, error) {
	var res R
	kind := strings.ToLower(workflowType) // "assistants", "threads", "files"
	so := tclient.StartWorkflowOptions{
		ID:            kind + "-" + op + "-" + randomSuffix(),
		TaskQueue:     c.opts.TaskQueue,
		StaticSummary: summary,
	}
	for _, o := range opts {
		o(&so)
	}
	wr, err := c.tc.ExecuteWorkflow(ctx, so, workflowType, in)
	var started *serviceerror.WorkflowExecutionAlreadyStarted
	if errors.As(err, &started) { // named once (namedOnce) and done before: its result
		return res, c.tc.GetWorkflow(ctx, so.ID, "").Get(ctx, &res)
	}
	if err != nil {
		return res, fmt.Errorf("start %s workflow: %w", kind, err)
	}
	err = wr.Get(ctx, &res)
	return res, err
}

// namedOnce names an operation's workflow id, started at most once: a
// start under an id already used (running or closed) returns that
// workflow's result instead.
func namedOnce(id string) func(*tclient.StartWorkflowOptions) {
	return func(so *tclient.StartWorkflowOptions) {
		so.ID = id
		so.WorkflowIDReusePolicy = enumspb.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE
		so.WorkflowIDConflictPolicy = enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING
	}
}
