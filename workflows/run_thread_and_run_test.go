package workflows

import (
	"context"
	"testing"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

func threadAndRunRequest() assistant.RunRequest {
	req := baseRequest()
	req.ThreadID, req.Instructions, req.CreateThreadAndRun = "", "", true
	return req
}

// onThreadAndRun makes StartRun answer a completed run on a new thread.
func (h *harness) onThreadAndRun() {
	h.env.OnActivity(a.StartRun, mock.Anything, mock.Anything).Return(
		func(context.Context, activities.StartRunInput) (assistant.RunState, error) {
			st := completed()
			st.ThreadID = "thread_new"
			return st, nil
		})
}

// Asked for, the start makes the thread with the run: no CreateThread, and
// the Result names the thread the start reported.
func TestRunThreadAndRunIsOneStart(t *testing.T) {
	h := newHarness(t)
	h.onThreadAndRun()
	h.run(threadAndRunRequest())

	res := h.result()
	require.Equal(t, []string{"StartRun"}, h.types())
	require.Equal(t, "thread_new", res.ThreadID)
	starts := inputs[activities.StartRunInput](h, "StartRun")
	require.True(t, starts[0].ThreadAndRun)
	require.Empty(t, starts[0].ThreadID)
	require.NotEmpty(t, starts[0].IdempotencyKey)
}

// On a history from before versionThreadAndRun the run makes its thread
// first, as it did then.
func TestRunThreadAndRunBeforeItsVersionCreatesTheThreadFirst(t *testing.T) {
	h := newHarness(t)
	h.env.OnGetVersion(versionThreadAndRun, workflow.DefaultVersion, 1).Return(workflow.DefaultVersion)
	h.env.OnActivity(a.CreateThread, mock.Anything, mock.Anything).Return(activities.CreateThreadResult{ThreadID: testThreadID}, nil)
	h.onStart(completed())
	h.run(threadAndRunRequest())

	require.NoError(t, h.env.GetWorkflowError())
	require.Equal(t, []string{"CreateThread", "StartRun"}, h.types())
	require.False(t, inputs[activities.StartRunInput](h, "StartRun")[0].ThreadAndRun)
}

// A cancel while the start follows: the thread and run its heartbeat named
// (read with PendingProgress, the workflow knowing neither) are cancelled.
func TestRunThreadAndRunCancelReachesTheNamedThread(t *testing.T) {
	h := newHarness(t)
	h.env.OnActivity(a.StartRun, mock.Anything, mock.Anything).Return(untilCancelled[activities.StartRunInput](h))
	h.env.OnActivity(a.PendingProgress, mock.Anything, mock.Anything).Return(
		assistant.FollowProgress{ThreadID: "thread_new", APIRunID: "run_9"}, nil)
	h.onCancel()
	h.runCancelled(threadAndRunRequest())

	require.Equal(t, []string{"StartRun", "PendingProgress", "CancelRun"}, h.types())
	require.Equal(t, []activities.CancelRunInput{{ThreadID: "thread_new", APIRunID: "run_9"}}, inputs[activities.CancelRunInput](h, "CancelRun"))
}

// A cancel before any thread was named has nothing to look in: no cancel
// at the API (the API lists no threads), and the workflow ends cancelled.
func TestRunThreadAndRunCancelBeforeTheThreadIsNamed(t *testing.T) {
	h := newHarness(t)
	h.env.OnActivity(a.StartRun, mock.Anything, mock.Anything).Return(untilCancelled[activities.StartRunInput](h))
	h.runCancelled(threadAndRunRequest())

	require.Equal(t, []string{"StartRun", "PendingProgress"}, h.types())
}

// A start that failed for good after naming the thread and run (in its
// error's details): the failing workflow cancels that run there.
func TestRunThreadAndRunFailureCancelsTheNamedRun(t *testing.T) {
	h := newHarness(t)
	h.env.OnActivity(a.StartRun, mock.Anything, mock.Anything).Return(assistant.RunState{},
		temporal.NewNonRetryableApplicationError("boom", assistant.ErrorTypeBadRequest, nil,
			assistant.FollowProgress{ThreadID: "thread_new", APIRunID: "run_9"}))
	h.onCancel()
	h.run(threadAndRunRequest())

	require.Equal(t, assistant.ErrorTypeBadRequest, h.appError().Type())
	require.Equal(t, []activities.CancelRunInput{{ThreadID: "thread_new", APIRunID: "run_9"}}, inputs[activities.CancelRunInput](h, "CancelRun"))
}

// A start whose outcome is unknown fails the run with that type, and no
// cancel is tried: there is no thread to find a run in.
func TestRunThreadAndRunUnknownOutcomeFails(t *testing.T) {
	h := newHarness(t)
	h.env.OnActivity(a.StartRun, mock.Anything, mock.Anything).Return(assistant.RunState{},
		temporal.NewNonRetryableApplicationError("lost", assistant.ErrorTypeStartUnknown, nil))
	h.run(threadAndRunRequest())

	require.Equal(t, assistant.ErrorTypeStartUnknown, h.appError().Type())
	require.Equal(t, []string{"StartRun"}, h.types())
}
