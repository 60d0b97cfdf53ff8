package workflows

import (
	"time"

	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// versionCancelReadsPending gates the read of the follow activity's last
// heartbeat before a workflow cancel cancels the activity; it is read on
// that path only, so other runs record nothing.
const versionCancelReadsPending = "cancel-reads-pending-run"

// followUntilCancel schedules an activity that follows the run where a
// workflow cancel does not reach it by itself: on a cancel the workflow
// first reads the run the activity last named (readPendingRun), then
// cancels it. An activity cancelled between two attempts (after a worker
// died, or a retryable failure) ends at once with no details, so the
// workflow would not learn the run its earlier attempt named; the cancel
// would then look for it by key, which the Responses API cannot do, and on
// that protocol a submit's new response is not the run the workflow knows.
func (r *runner) followUntilCancel(ctx workflow.Context, summary string, fn, in any) workflow.Future {
	dctx, _ := workflow.NewDisconnectedContext(ctx)
	actx, cancelActivity := workflow.WithCancel(dctx)
	f := workflow.ExecuteActivity(followCall(actx, summary), fn, in)
	s := workflow.NewSelector(ctx)
	s.AddFuture(f, func(workflow.Future) {})
	s.AddReceive(ctx.Done(), func(workflow.ReceiveChannel, bool) {
		r.readPendingRun(ctx)
		cancelActivity()
	})
	s.Select(ctx)
	return f
}

// readPendingRun sets the run ID to the one the pending follow activity's
// heartbeat names, when it names one (activities.PendingRun). A failure
// leaves the ID as it was: the cancel then falls back on what it knows.
func (r *runner) readPendingRun(ctx workflow.Context) {
	if workflow.GetVersion(ctx, versionCancelReadsPending, workflow.DefaultVersion, 1) < 1 {
		return
	}
	dctx, _ := workflow.NewDisconnectedContext(ctx)
	lctx := workflow.WithLocalActivityOptions(dctx, workflow.LocalActivityOptions{
		StartToCloseTimeout:    shortCallTimeout,
		ScheduleToCloseTimeout: time.Minute,
		RetryPolicy:            retryPolicy(5),
		Summary:                "read the run the following activity named",
	})
	info := workflow.GetInfo(ctx).WorkflowExecution
	in := activities.PendingRunInput{WorkflowID: info.ID, RunID: info.RunID}
	if r.makesThread { // the thread too: only the activity knows it yet
		var p assistant.FollowProgress
		if err := workflow.ExecuteLocalActivity(lctx, a.PendingProgress, in).Get(dctx, &p); err != nil {
			workflow.GetLogger(ctx).Warn("The run the following activity named could not be read", "Error", err)
			return
		}
		r.learnThread(p)
		if p.APIRunID != "" {
			r.state.APIRunID = p.APIRunID
		}
		return
	}
	var id string
	err := workflow.ExecuteLocalActivity(lctx, a.PendingRun, in).Get(dctx, &id)
	if err != nil {
		workflow.GetLogger(ctx).Warn("The run the following activity named could not be read", "Error", err)
		return
	}
	if id != "" {
		r.state.APIRunID = id
	}
}
