package workflows

import (
	"errors"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// versionLeanHistory gates the lean run (docs/design.md#budgets: ~40 events per run
// with one tool round): the thread is created by a local activity, the start
// and each submit follow the run in the same activity (Follow), and the
// default-mode and search-attribute markers are not recorded. Runs started
// before it replay the old path.
const versionLeanHistory = "lean-history"

// followCall is for an activity that follows the run (a start or submit with
// Follow, StreamRun): long, heartbeating, and waited for on cancellation, so
// the workflow learns the run ID from the activity's cancelled details (and
// a stream is closed) before the run is cancelled.
func followCall(ctx workflow.Context, summary string) workflow.Context {
	ctx = longCall(ctx, summary)
	opts := workflow.GetActivityOptions(ctx)
	opts.WaitForCancellation = true
	return workflow.WithActivityOptions(ctx, opts)
}

// localCall is for a short call whose result must be in history before the
// next command: a local activity records it as one marker.
func localCall(ctx workflow.Context, summary string) workflow.Context {
	return workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{
		StartToCloseTimeout:    shortCallTimeout,
		ScheduleToCloseTimeout: shortCallBudget,
		RetryPolicy:            retryPolicy(0),
		Summary:                summary,
	})
}

// createThread runs CreateThread: a local activity on the lean path. A
// thread is not idempotent either way (a retry makes another, empty one),
// and its ID is in history before the run is created.
func (r *runner) createThread(ctx workflow.Context) (string, error) {
	var th activities.CreateThreadResult
	var f workflow.Future
	if r.lean {
		f = workflow.ExecuteLocalActivity(localCall(ctx, "create thread"), a.CreateThread, activities.CreateThreadInput{})
	} else {
		f = workflow.ExecuteActivity(shortCall(ctx, "create thread"), a.CreateThread, activities.CreateThreadInput{})
	}
	err := f.Get(ctx, &th)
	return th.ThreadID, err
}

// follow runs a start or a submit that follows the run to requires_action or
// its end. On failure or cancellation the run ID an attempt reported (the
// cancelled details, or the last heartbeat of a dead worker) is kept, so a
// cancel reaches the right run.
func (r *runner) follow(ctx workflow.Context, phase assistant.Phase, summary string, fn, in any) (assistant.RunState, error) {
	r.setPhase(ctx, phase, assistant.RunState{})
	var st assistant.RunState
	err := r.followUntilCancel(ctx, summary, fn, in).Get(ctx, &st)
	if err != nil {
		if p, ok := progressOf(err); ok {
			if p.APIRunID != "" {
				r.state.APIRunID = p.APIRunID
			}
			r.learnThread(p)
		}
		return assistant.RunState{}, err
	}
	r.observe(ctx, st)
	if ctx.Err() != nil {
		return st, ctx.Err()
	}
	return st, nil
}

// progressOf reads the progress a following activity left in its error.
func progressOf(err error) (assistant.FollowProgress, bool) {
	var p assistant.FollowProgress
	var ce *temporal.CanceledError
	if errors.As(err, &ce) && ce.HasDetails() {
		return p, ce.Details(&p) == nil
	}
	var te *temporal.TimeoutError
	if errors.As(err, &te) && te.HasLastHeartbeatDetails() {
		return p, te.LastHeartbeatDetails(&p) == nil
	}
	var app *temporal.ApplicationError // a failure no retry fixes (activities.withProgress)
	if errors.As(err, &app) && app.HasDetails() {
		return p, app.Details(&p) == nil
	}
	return p, false
}
