package client

import (
	"context"
	"fmt"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/workflows"
)

// Run is a handle on one started Run workflow.
type Run struct {
	c             *Client
	WorkflowID    string
	WorkflowRunID string
}

// Result waits for the run to end. A run that ended at the API in any status
// returns a Result (check Status); an error means the workflow failed (bad
// input, rejected key) or was cancelled.
func (r *Run) Result(ctx context.Context) (assistant.Result, error) {
	var res assistant.Result
	err := r.c.tc.GetWorkflow(ctx, r.WorkflowID, r.WorkflowRunID).Get(ctx, &res)
	return res, err
}

// State asks the workflow where the run is.
func (r *Run) State(ctx context.Context) (workflows.State, error) {
	v, err := r.c.tc.QueryWorkflow(ctx, r.WorkflowID, r.WorkflowRunID, workflows.QueryState)
	if err != nil {
		return workflows.State{}, fmt.Errorf("query run state: %w", err)
	}
	var st workflows.State
	if err := v.Get(&st); err != nil {
		return workflows.State{}, fmt.Errorf("decode run state: %w", err)
	}
	return st, nil
}

// Cancel cancels the workflow, which cancels the run at the API.
func (r *Run) Cancel(ctx context.Context) error {
	return r.c.tc.CancelWorkflow(ctx, r.WorkflowID, r.WorkflowRunID)
}

// UIURL links to the run's workflow in the Temporal UI.
func (r *Run) UIURL() string { return r.c.UIURL(r.WorkflowID, r.WorkflowRunID) }

// GetRun returns a handle on a run started earlier (runID "" = the latest).
func (c *Client) GetRun(workflowID, runID string) *Run {
	return &Run{c: c, WorkflowID: workflowID, WorkflowRunID: runID}
}
