package client

import (
	"context"
	"fmt"

	"go.temporal.io/sdk/converter"

	"github.com/durable-assistants/durable-assistants/activities"
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

// State asks the workflow where the run is. While the run streams, the
// reply so far (Text) is read from the streaming activity's heartbeat
// details: the workflow knows phase and IDs, never the deltas.
func (r *Run) State(ctx context.Context) (workflows.State, error) {
	st, err := r.queryState(ctx)
	if err != nil || st.Phase != workflows.PhaseStreaming {
		return st, err
	}
	st.Text = r.streamedText(ctx)
	return st, nil
}

// streamedText is the tail of the reply the pending StreamRun has seen, ""
// when there is none (yet) or it cannot be read.
func (r *Run) streamedText(ctx context.Context) string {
	desc, err := r.c.tc.DescribeWorkflowExecution(ctx, r.WorkflowID, r.WorkflowRunID)
	if err != nil {
		return ""
	}
	for _, pa := range desc.GetPendingActivities() {
		if pa.GetActivityType().GetName() != activities.StreamRunActivity || pa.GetHeartbeatDetails() == nil {
			continue
		}
		var p activities.StreamProgress
		if converter.GetDefaultDataConverter().FromPayloads(pa.GetHeartbeatDetails(), &p) == nil {
			return p.Text
		}
	}
	return ""
}

func (r *Run) queryState(ctx context.Context) (workflows.State, error) {
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
