package workflows

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// runCancelled runs req and cancels the workflow a minute in, then requires
// that it ended cancelled.
func (h *harness) runCancelled(req assistant.RunRequest) {
	h.t.Helper()
	h.env.RegisterDelayedCallback(h.env.CancelWorkflow, time.Minute)
	h.run(req)
	requireCanceled(h.t, h)
}

// requireCanceled checks that the workflow ended cancelled, with no result.
func requireCanceled(t *testing.T, h *harness) {
	t.Helper()
	err := h.env.GetWorkflowError()
	require.Error(t, err)
	var canceled *temporal.CanceledError
	require.True(t, errors.As(err, &canceled), "want a CanceledError, got %T: %v", err, err)
}

// untilCancelled fakes a start or submit that follows the run until the
// cancel reaches it. The test environment neither waits for a cancelled
// activity nor passes its details on (the real server does both, see
// progressOf and the integration tests), so the workflow knows only what it
// learned before.
func untilCancelled[In any](h *harness) func(context.Context, In) (assistant.RunState, error) {
	return func(ctx context.Context, _ In) (assistant.RunState, error) {
		h.env.CancelWorkflow() // the test clock stands still while an activity blocks
		<-ctx.Done()
		return assistant.RunState{}, temporal.NewCanceledError()
	}
}

// onPending makes PendingRun answer that the following activity's heartbeat
// names runID.
func (h *harness) onPending(runID string) {
	h.env.OnActivity(a.PendingRun, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.PendingRunInput) (string, error) {
			require.Equal(h.t, testWorkflowID, in.WorkflowID)
			return runID, nil
		})
}

// Cancelling the workflow wherever the run is waiting cancels the run at the
// API (with its IDs), and the workflow ends cancelled.
func TestRunCancelCancelsTheRun(t *testing.T) {
	byID := []activities.CancelRunInput{{ThreadID: testThreadID, APIRunID: testRunID}}
	for _, tc := range []struct {
		name      string
		setup     func(h *harness)
		wantTypes []string
		want      []activities.CancelRunInput
	}{
		{"while the start follows the run, its run unknown: found by key", func(h *harness) {
			h.env.OnActivity(a.StartRun, mock.Anything, mock.Anything).Return(untilCancelled[activities.StartRunInput](h))
		}, []string{"StartRun", "PendingRun", "CancelRun"}, []activities.CancelRunInput{
			{ThreadID: testThreadID, IdempotencyKey: testWorkflowID + "/default-test-run-id"}}},
		// Cancelled between two attempts, the activity ends with no details:
		// the run its heartbeat named is read before it is cancelled.
		{"while the start follows the run, named in its heartbeat only", func(h *harness) {
			h.env.OnActivity(a.StartRun, mock.Anything, mock.Anything).Return(untilCancelled[activities.StartRunInput](h))
			h.onPending("resp_9")
		}, []string{"StartRun", "PendingRun", "CancelRun"}, []activities.CancelRunInput{
			{ThreadID: testThreadID, APIRunID: "resp_9"}}},
		{"while awaiting a pending run", func(h *harness) {
			h.onStart(state(assistant.StatusQueued))
			h.env.OnActivity(a.AwaitRun, mock.Anything, mock.Anything).After(time.Hour).Return(completed(), nil)
		}, []string{"StartRun", "AwaitRun", "CancelRun"}, byID},
		{"while calling tools", func(h *harness) {
			h.onStart(requiresAction(toolCall("call_1", "weather"), toolCall("call_2", "time")))
			h.env.OnActivity(a.CallTool, mock.Anything, mock.Anything).After(time.Hour).Return(echo)
		}, []string{"StartRun", "CallTool", "CallTool", "CancelRun"}, byID},
		{"while the submit follows the run", func(h *harness) {
			h.onStart(requiresAction(toolCall("call_1", "weather")))
			h.onTools()
			h.env.OnActivity(a.SubmitToolOutputs, mock.Anything, mock.Anything).Return(
				untilCancelled[activities.SubmitToolOutputsInput](h))
		}, []string{"StartRun", "CallTool", "SubmitToolOutputs", "PendingRun", "CancelRun"}, byID},
		// On the Responses protocol a submit makes the run's next response:
		// that one is cancelled, not the finished one the workflow knows.
		{"while the submit follows the run's next response", func(h *harness) {
			h.onStart(requiresAction(toolCall("call_1", "weather")))
			h.onTools()
			h.env.OnActivity(a.SubmitToolOutputs, mock.Anything, mock.Anything).Return(
				untilCancelled[activities.SubmitToolOutputsInput](h))
			h.onPending("resp_2")
		}, []string{"StartRun", "CallTool", "SubmitToolOutputs", "PendingRun", "CancelRun"}, []activities.CancelRunInput{
			{ThreadID: testThreadID, APIRunID: "resp_2"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			tc.setup(h)
			h.onCancel()
			h.runCancelled(baseRequest())

			require.Equal(t, tc.wantTypes, h.types())
			require.Equal(t, tc.want, inputs[activities.CancelRunInput](h, "CancelRun"))
			require.Contains(t, h.eventLog(), "end CancelRun", "CancelRun must run to its end, not be cancelled with the workflow")
			st := h.query()
			require.Equal(t, assistant.PhaseDone, st.Phase)
			require.Equal(t, assistant.StatusCancelled, st.Status)
		})
	}
}

// The progress a following activity leaves is read from a cancel (its
// details) and from a heartbeat timeout (a dead worker's last heartbeat).
func TestProgressOfCancelAndTimeout(t *testing.T) {
	p := assistant.FollowProgress{APIRunID: testRunID}
	for _, err := range []error{
		temporal.NewCanceledError(p),
		temporal.NewTimeoutError(enumspb.TIMEOUT_TYPE_HEARTBEAT, nil, p),
	} {
		got, ok := progressOf(err)
		require.True(t, ok, "%T", err)
		require.Equal(t, p, got)
	}
	_, ok := progressOf(temporal.NewCanceledError())
	require.False(t, ok)
	_, ok = progressOf(errors.New("other"))
	require.False(t, ok)
}

// A cancel while the thread is being created never leaves a run behind: any
// run started afterwards is cancelled at the API.
func TestRunCancelDuringCreateThreadLeavesNoRun(t *testing.T) {
	h := newHarness(t)
	h.env.OnActivity(a.CreateThread, mock.Anything, mock.Anything).After(2*time.Minute).Return(
		activities.CreateThreadResult{ThreadID: testThreadID}, nil)
	h.onStart(state(assistant.StatusQueued))
	h.onCancel()
	req := baseRequest()
	req.ThreadID = ""
	h.runCancelled(req)

	require.Contains(t, h.eventLog(), "end CreateThread", "CreateThread runs disconnected")
	require.Equal(t, "CreateThread", h.types()[0])
	require.Equal(t, h.calls("StartRun"), h.calls("CancelRun"), "every run started is cancelled")
	require.Zero(t, h.calls("AwaitRun"))
}

// When the cancel at the API fails, the workflow still ends cancelled.
func TestRunCancelRunFailureStillCancels(t *testing.T) {
	h := newHarness(t)
	h.onStart(state(assistant.StatusQueued))
	h.env.OnActivity(a.AwaitRun, mock.Anything, mock.Anything).After(time.Hour).Return(completed(), nil)
	h.env.OnActivity(a.CancelRun, mock.Anything, mock.Anything).Return(
		func(context.Context, activities.CancelRunInput) (assistant.RunState, error) {
			return assistant.RunState{}, nonRetryableAPIError(assistant.ErrorTypeNotFound)
		})
	h.runCancelled(baseRequest())

	require.Equal(t, 1, h.calls("CancelRun"))
	require.Equal(t, assistant.PhaseDone, h.query().Phase)
}
