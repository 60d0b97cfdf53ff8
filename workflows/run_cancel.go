package workflows

import (
	"cmp"
	"errors"
	"slices"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// versionCancelOnFailure gates the cancel of the API run when the workflow
// fails; it is read on the failure path only, so other runs record nothing.
const versionCancelOnFailure = "cancel-on-failure"

// cancel runs when the workflow itself is cancelled: it cancels the run at
// the API in a disconnected context (the workflow's own is done), waits until
// the run is terminal, and ends the workflow as cancelled.
func (r *runner) cancel(ctx workflow.Context) (assistant.Result, error) {
	if r.state.APIRunID == "" && !r.startTried {
		return assistant.Result{}, ctx.Err()
	}
	r.setPhase(ctx, assistant.PhaseCancelling, assistant.RunState{})
	st := r.cancelAtAPI(ctx)
	r.setPhase(ctx, assistant.PhaseDone, st)
	return assistant.Result{}, ctx.Err()
}

// fail ends the workflow with err, first cancelling the API run when one may
// exist: a failed workflow must not leave its run waiting for tool outputs or
// thinking on, billed, with nobody to follow it.
func (r *runner) fail(ctx workflow.Context, err error) error {
	if !r.mayHaveRun(err) || workflow.GetVersion(ctx, versionCancelOnFailure, workflow.DefaultVersion, 1) < 1 {
		return err
	}
	r.setPhase(ctx, assistant.PhaseCancelling, assistant.RunState{})
	r.cancelAtAPI(ctx)
	return err
}

// mayHaveRun reports whether a run may exist at the API: it was named, or a
// start was tried and not refused (a refused create made no run).
func (r *runner) mayHaveRun(err error) bool {
	if r.state.APIRunID != "" {
		return true
	}
	var app *temporal.ApplicationError
	refused := errors.As(err, &app) && slices.Contains(nonRetryable, app.Type())
	return r.startTried && !refused
}

// cancelAtAPI cancels the run and waits until it is terminal, in a
// disconnected context; a failure is logged (the sweep tries again).
func (r *runner) cancelAtAPI(ctx workflow.Context) assistant.RunState {
	if r.makesThread && r.state.ThreadID == "" {
		// A create-thread-and-run that named no thread: there is nothing to
		// look for a run in (the API lists no threads).
		workflow.GetLogger(ctx).Warn("No thread was named: a thread and run the start may have made cannot be found to cancel")
		return assistant.RunState{}
	}
	dctx, _ := workflow.NewDisconnectedContext(ctx)
	in := activities.CancelRunInput{ThreadID: r.state.ThreadID, APIRunID: r.state.APIRunID, IncludeSteps: r.req.IncludeSteps}
	if in.APIRunID == "" { // the start was cut before it named the run: find it by key
		in.IdempotencyKey = idempotencyKey(ctx)
	}
	var st assistant.RunState
	err := workflow.ExecuteActivity(longCall(dctx, "cancel run "+cmp.Or(in.APIRunID, "by key")), a.CancelRun, in).Get(dctx, &st)
	if err != nil {
		workflow.GetLogger(ctx).Error("Cancelling the run at the API failed", "ThreadID", r.state.ThreadID, "api_run_id", r.state.APIRunID, "Error", err)
		return st
	}
	r.observe(ctx, st)
	return st
}
