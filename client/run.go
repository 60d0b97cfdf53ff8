package client

import (
	"context"
	"fmt"

	"github.com/durable-assistants/durable-assistants/assistant"
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

// State asks the workflow where the run is. While an activity follows the
// run (streaming it, or a start or submit polling it), what that activity
// knows is read from its heartbeat details: the reply so far (Text) and the
// run's current ID, which the workflow learns only when the activity ends.
func (r *Run) State(ctx context.Context) (assistant.RunView, error) {
	st, err := r.queryState(ctx)
	if err != nil || (st.Phase != assistant.PhaseStreaming && st.Phase != assistant.PhaseWaiting) {
		return st, err
	}
	if p, ok := r.progress(ctx); ok {
		st.Text = p.Text
		if p.APIRunID != "" {
			st.APIRunID = p.APIRunID
		}
		if st.ThreadID == "" { // a create-thread-and-run names its thread here first
			st.ThreadID = p.ThreadID
		}
	}
	return st, nil
}

// progress is the heartbeat details of the pending activity that follows
// the run, when there is one and it has reported.
func (r *Run) progress(ctx context.Context) (assistant.FollowProgress, bool) {
	var p assistant.FollowProgress
	desc, err := r.c.tc.DescribeWorkflowExecution(ctx, r.WorkflowID, r.WorkflowRunID)
	if err != nil {
		return p, false
	}
	for _, pa := range desc.GetPendingActivities() {
		if !assistant.Follows(pa.GetActivityType().GetName()) || pa.GetHeartbeatDetails() == nil {
			continue
		}
		if r.c.opts.DataConverter.FromPayloads(pa.GetHeartbeatDetails(), &p) == nil {
			return p, true
		}
	}
	return p, false
}

func (r *Run) queryState(ctx context.Context) (assistant.RunView, error) {
	v, err := r.c.tc.QueryWorkflow(ctx, r.WorkflowID, r.WorkflowRunID, assistant.QueryState)
	if err != nil {
		return assistant.RunView{}, fmt.Errorf("query run state: %w", err)
	}
	var st assistant.RunView
	if err := v.Get(&st); err != nil {
		return assistant.RunView{}, fmt.Errorf("decode run state: %w", err)
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
