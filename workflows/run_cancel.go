package workflows

import (
	"cmp"

	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// cancel runs when the workflow itself is cancelled: it cancels the run at
// the API in a disconnected context (the workflow's own is done), waits until
// the run is terminal, and ends the workflow as cancelled.
func (r *runner) cancel(ctx workflow.Context) (assistant.Result, error) {
	if r.state.RunID == "" && !r.startTried {
		return assistant.Result{}, ctx.Err()
	}
	r.setPhase(ctx, PhaseCancelling, assistant.RunState{})
	dctx, _ := workflow.NewDisconnectedContext(ctx)
	in := activities.CancelRunInput{ThreadID: r.state.ThreadID, RunID: r.state.RunID}
	if in.RunID == "" { // the start was cancelled before it named the run: find it by key
		in.IdempotencyKey = idempotencyKey(ctx)
	}
	var st assistant.RunState
	err := workflow.ExecuteActivity(longCall(dctx, "cancel run "+cmp.Or(in.RunID, "by key")), a.CancelRun, in).Get(dctx, &st)
	if err != nil {
		workflow.GetLogger(ctx).Error("Cancelling the run at the API failed", "ThreadID", r.state.ThreadID, "RunID", r.state.RunID, "Error", err)
	} else {
		r.observe(ctx, st)
	}
	r.setPhase(ctx, PhaseDone, st)
	return assistant.Result{}, ctx.Err()
}
