package workflows

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// SweepName is the Sweep workflow's registered name.
const SweepName = "Sweep"

// Limits of one sweep: runs looked at, and cancels at once.
const (
	maxSweepRuns  = 1000
	sweepParallel = 20
)

// vis names the sweep's visibility activity (see a).
var vis *activities.Visibility

// SweepInput configures one sweep.
type SweepInput struct {
	// Lookback is how long before the sweep's scheduled time a run may have
	// closed and still be looked at: more than the schedule's interval, so no
	// run falls between two sweeps.
	Lookback time.Duration `json:"lookback"`
}

// SweepResult counts what a sweep did.
type SweepResult struct {
	Found     int `json:"found"`     // closed runs whose API run may still be live
	Cancelled int `json:"cancelled"` // now terminal at the API (or gone)
	Failed    int `json:"failed"`    // the cancel failed; the next sweep tries again
}

// Sweep cancels the API runs of Run workflows that could not do it
// themselves: terminated, timed out (no workflow code runs then), or failed
// with their own cancel failing. It lists the Run workflows of its task
// queue that closed so within the lookback without a terminal run status in
// their search attributes, and cancels each one's run (see strandedRun); a
// run that already ended is fine. A Temporal Schedule starts it
// (serve/sweep.go).
func Sweep(ctx workflow.Context, in SweepInput) (SweepResult, error) {
	info := workflow.GetInfo(ctx)
	since := info.WorkflowStartTime.Add(-in.Lookback).UTC().Format(time.RFC3339Nano)
	list := activities.ListWorkflowsInput{
		Query: fmt.Sprintf("WorkflowType = '%s' AND TaskQueue = '%s' AND ExecutionStatus IN ('Terminated', 'TimedOut', 'Failed') AND CloseTime > '%s'",
			assistant.WorkflowRun, info.TaskQueueName, since),
		Keywords: []string{assistant.SearchAttrThreadID.GetName(), assistant.SearchAttrAPIRunID.GetName(), assistant.SearchAttrRunStatus.GetName()},
		Limit:    maxSweepRuns,
	}
	var listed []activities.ListedWorkflow
	if err := workflow.ExecuteActivity(shortCall(ctx, "list closed runs"), vis.ListWorkflows, list).Get(ctx, &listed); err != nil {
		return SweepResult{}, err
	}
	readPending := workflow.GetVersion(ctx, versionSweepReadsPending, workflow.DefaultVersion, 1) >= 1
	var cancels []activities.CancelRunInput
	for _, w := range listed {
		if c, ok := strandedRun(ctx, w, readPending); ok {
			cancels = append(cancels, c)
		}
	}
	res := SweepResult{Found: len(cancels)}
	for batch := range slices.Chunk(cancels, sweepParallel) {
		futures := make([]workflow.Future, len(batch))
		for i, c := range batch {
			futures[i] = workflow.ExecuteActivity(sweepCall(ctx, "cancel run of a closed workflow"), a.CancelRun, c)
		}
		for i, f := range futures {
			if err := f.Get(ctx, nil); err != nil && !notFound(err) {
				workflow.GetLogger(ctx).Warn("Sweep: cancelling a run failed", "ThreadID", batch[i].ThreadID, "api_run_id", batch[i].APIRunID, "Error", err)
				res.Failed++
				continue
			}
			res.Cancelled++
		}
	}
	return res, nil
}

// versionSweepReadsPending gates the sweep's read of each closed run's
// pending follow activity (pendingRun).
const versionSweepReadsPending = "sweep-reads-pending-run"

// strandedRun is the cancel a closed Run workflow needs, if any: none when its
// run's last known status is terminal or it never had a thread. A thread the
// workflow created is in its state before its search attributes (upserted
// once the first wait ends): the state query replays the closed workflow.
// The run is the one the workflow's pending follow activity last named,
// when it did (the workflow never learned it, or on the Responses protocol
// it is the response after the one the workflow knows); else the one the
// workflow knew; else it is looked for by the workflow's idempotency key.
func strandedRun(ctx workflow.Context, w activities.ListedWorkflow, readPending bool) (activities.CancelRunInput, bool) {
	in := activities.CancelRunInput{ThreadID: w.Keywords[assistant.SearchAttrThreadID.GetName()], APIRunID: w.Keywords[assistant.SearchAttrAPIRunID.GetName()]}
	if assistant.RunStatus(w.Keywords[assistant.SearchAttrRunStatus.GetName()]).Terminal() {
		return in, false
	}
	if in.ThreadID == "" {
		st := closedState(ctx, w)
		in.ThreadID, in.APIRunID = st.ThreadID, st.APIRunID
	}
	if readPending && in.ThreadID != "" {
		if id := pendingRun(ctx, w); id != "" {
			in.APIRunID = id
		}
	}
	if in.ThreadID == "" {
		return in, false
	}
	if in.APIRunID == "" {
		in.IdempotencyKey = idempotencyKeyOf(w.WorkflowID, w.RunID)
	}
	return in, true
}

// closedState is a closed Run workflow's State; empty when it cannot be read
// (logged: the next sweep tries again).
func closedState(ctx workflow.Context, w activities.ListedWorkflow) assistant.RunView {
	var st assistant.RunView
	in := activities.QueryWorkflowInput{WorkflowID: w.WorkflowID, RunID: w.RunID, Query: assistant.QueryState}
	if err := workflow.ExecuteActivity(sweepCall(ctx, "read the state of "+w.WorkflowID), vis.QueryWorkflow, in).Get(ctx, &st); err != nil {
		workflow.GetLogger(ctx).Warn("Sweep: the state of a closed run could not be read", "WorkflowID", w.WorkflowID, "Error", err)
	}
	return st
}

// pendingRun is the run a closed workflow's pending follow activity last
// named (Temporal keeps pending activities of a closed workflow until its
// retention ends); "" when none did or it cannot be read (logged).
func pendingRun(ctx workflow.Context, w activities.ListedWorkflow) string {
	var id string
	in := activities.PendingRunInput{WorkflowID: w.WorkflowID, RunID: w.RunID}
	if err := workflow.ExecuteActivity(sweepCall(ctx, "read the run "+w.WorkflowID+" was following"), a.PendingRun, in).Get(ctx, &id); err != nil {
		workflow.GetLogger(ctx).Warn("Sweep: the run a closed workflow was following could not be read", "WorkflowID", w.WorkflowID, "Error", err)
	}
	return id
}

// notFound is a run (or thread) the API no longer has: nothing to cancel.
func notFound(err error) bool {
	var app *temporal.ApplicationError
	return errors.As(err, &app) && app.Type() == assistant.ErrorTypeNotFound
}

// sweepCall is for the sweep's cancels: bounded, since the next sweep tries
// again.
func sweepCall(ctx workflow.Context, summary string) workflow.Context {
	return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: time.Minute,
		HeartbeatTimeout:    heartbeatTimeout,
		RetryPolicy:         retryPolicy(3),
		Summary:             summary,
	})
}
