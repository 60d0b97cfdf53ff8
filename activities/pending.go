package activities

import (
	"context"
	"fmt"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// PendingRunInput names a Run workflow execution.
type PendingRunInput struct {
	WorkflowID string `json:"workflow_id"`
	RunID      string `json:"run_id"` // the execution's, not the API's
}

// PendingRun returns the API run that the workflow's pending follow activity
// (StartRun, SubmitToolOutputs or StreamRun) last named in its heartbeat, ""
// when none has. That heartbeat is the only record of a run the API named
// to an activity that has not returned: a workflow cancel that finds the
// activity between attempts ends it at once, with no details, and a closed
// workflow never learns it; Temporal still shows it, in the pending
// activity, until then (docs/design.md#cancellation). On the Responses
// protocol it is also the run's newest response, which the workflow's own
// state (the response before the submit) is not.
//
// It runs as a local activity of the workflow that asks (or of the sweep),
// with the worker's client; a worker with a payload codec must give
// Options.DataConverter to read the details.
func (a *Activities) PendingRun(ctx context.Context, in PendingRunInput) (string, error) {
	return pendingRun(ctx, activity.GetClient(ctx), a.opts.DataConverter, in)
}

// PendingProgress is PendingRun's whole progress: with the run, the thread
// a create-thread-and-run named (RunRequest.CreateThreadAndRun), which the
// workflow does not know until the activity returns.
func (a *Activities) PendingProgress(ctx context.Context, in PendingRunInput) (assistant.FollowProgress, error) {
	return pendingProgress(ctx, activity.GetClient(ctx), a.opts.DataConverter, in)
}

func pendingRun(ctx context.Context, tc client.Client, dc converter.DataConverter, in PendingRunInput) (string, error) {
	p, err := pendingProgress(ctx, tc, dc, in)
	return p.APIRunID, err
}

func pendingProgress(ctx context.Context, tc client.Client, dc converter.DataConverter, in PendingRunInput) (assistant.FollowProgress, error) {
	if tc == nil {
		return assistant.FollowProgress{}, fmt.Errorf("pending run: no Temporal client in this activity context")
	}
	desc, err := tc.DescribeWorkflowExecution(ctx, in.WorkflowID, in.RunID)
	if err != nil {
		return assistant.FollowProgress{}, fmt.Errorf("describe %s: %w", in.WorkflowID, err)
	}
	for _, pa := range desc.GetPendingActivities() {
		if !assistant.Follows(pa.GetActivityType().GetName()) || pa.GetHeartbeatDetails() == nil {
			continue
		}
		var p assistant.FollowProgress
		if err := dc.FromPayloads(pa.GetHeartbeatDetails(), &p); err != nil {
			return assistant.FollowProgress{}, fmt.Errorf("read the heartbeat of %s: %w", pa.GetActivityType().GetName(), err)
		}
		if p.APIRunID != "" || p.ThreadID != "" {
			return assistant.FollowProgress{APIRunID: p.APIRunID, ThreadID: p.ThreadID}, nil
		}
	}
	return assistant.FollowProgress{}, nil
}
