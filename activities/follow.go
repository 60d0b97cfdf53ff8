package activities

import (
	"context"
	"errors"
	"time"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// Following a run: a start or a submit with Follow set stays on the run in
// the same heartbeating activity, polling it until it needs tools or ends.
// One activity instead of two halves the history of a run and saves a
// workflow task per step (docs/design.md#budgets).
//
// The run ID goes into the heartbeat details (assistant.FollowProgress, as StreamRun's)
// the moment the API names it: a retry follows that run instead of creating
// or submitting again, and clients read it while the workflow cannot.
//
// A cancel never cuts the create or the submit in flight (a request cut
// midway may have made a run nobody sees). It stops the wait that follows,
// and the activity ends cancelled with the progress as details, so the
// workflow learns which run to cancel at the API.

func (a *Activities) startAndFollow(ctx context.Context, in StartRunInput) (assistant.RunState, error) {
	prog := a.resume(ctx, StreamRunInput{Start: &in})
	if err := a.onNamedThread(ctx, prog, &in); err != nil {
		return assistant.RunState{}, err
	}
	if id := prog.runID(); id != "" {
		return a.follow(ctx, prog, assistant.RunState{ThreadID: in.ThreadID, APIRunID: id, Status: assistant.StatusQueued})
	}
	uctx, cancel := uncut(ctx)
	defer cancel()
	st, err := a.startRun(withRefusals(uctx, prog), in)
	if err != nil {
		return assistant.RunState{}, err
	}
	return a.follow(ctx, prog, st)
}

func (a *Activities) submitAndFollow(ctx context.Context, in SubmitToolOutputsInput) (assistant.RunState, error) {
	prog := a.resume(ctx, StreamRunInput{Submit: &in})
	// On the Responses protocol a submit makes the run's next response: an
	// earlier attempt that saw it named it in the details.
	if id := prog.runID(); id != in.APIRunID {
		return a.follow(ctx, prog, assistant.RunState{ThreadID: in.ThreadID, APIRunID: id, Status: assistant.StatusQueued})
	}
	uctx, cancel := uncut(ctx)
	defer cancel()
	st, err := a.submitToolOutputs(withRefusals(uctx, prog), in)
	if err != nil {
		return assistant.RunState{}, err
	}
	return a.follow(ctx, prog, st)
}

// pollable reports whether a run ID can be polled: a backend may name a turn
// it adopted by an ID with no run to read (Backend.Pollable), so a retry
// whose details name one adopts it again instead (resume).
func (a *Activities) pollable(runID string) bool {
	return runID != "" && a.api.Pollable(runID)
}

// uncut is ctx without its cancellation, for a request a cancel must not cut.
// It is still bounded: past the heartbeat timeout the attempt is lost anyway.
func uncut(ctx context.Context) (context.Context, context.CancelFunc) {
	limit := 10 * time.Second
	if activity.IsActivity(ctx) && activity.GetInfo(ctx).HeartbeatTimeout > 0 {
		limit = activity.GetInfo(ctx).HeartbeatTimeout
	}
	return context.WithTimeout(context.WithoutCancel(ctx), limit)
}

// follow polls a pending run to requires_action or its end. The first poll
// honours the hint of the response that named the run. The run ID is this
// attempt's first heartbeat, which the SDK sends at once rather than
// batched: a crash right after still leaves it to the retry.
func (a *Activities) follow(ctx context.Context, prog *streamProgress, st assistant.RunState) (assistant.RunState, error) {
	prog.setRun(ctx, st.APIRunID, nil)
	stop := heartbeatWith(ctx, prog.details)
	defer stop()
	if !st.Status.Pending() {
		return st, nil // the create or submit settled it already
	}
	st, err := a.pollUntil(ctx, st.ThreadID, st.APIRunID, st.PollAfterMs, func(s assistant.RunStatus) bool { return !s.Pending() })
	if errors.Is(err, context.Canceled) {
		return assistant.RunState{}, temporal.NewCanceledError(prog.details()...)
	}
	if err != nil {
		return assistant.RunState{}, withProgress(err, prog)
	}
	st, err = a.settle(ctx, st)
	return st, withProgress(err, prog)
}

// withProgress puts the run the activity named into an error no retry
// fixes, as its details: the workflow then fails knowing the run, which it
// cancels by ID, as it does from a cancel's details (a retryable error needs
// none: the next attempt reads the heartbeat).
func withProgress(err error, prog *streamProgress) error {
	var app *temporal.ApplicationError
	if !errors.As(err, &app) || !app.NonRetryable() || app.HasDetails() || prog.runID() == "" {
		return err
	}
	return temporal.NewApplicationErrorWithOptions(app.Message(), app.Type(), temporal.ApplicationErrorOptions{
		NonRetryable: true, Cause: errors.Unwrap(app), Details: prog.details(), Category: app.Category(),
	})
}
