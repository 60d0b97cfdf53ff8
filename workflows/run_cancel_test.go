package workflows

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// requireCanceled checks that the workflow ended cancelled, with no result.
func requireCanceled(t *testing.T, h *harness) {
	t.Helper()
	err := h.env.GetWorkflowError()
	require.Error(t, err)
	var canceled *temporal.CanceledError
	require.True(t, errors.As(err, &canceled), "want a CanceledError, got %T: %v", err, err)
}

// Cancelling the workflow wherever the run is waiting cancels the run at the
// API (with its IDs), and the workflow ends cancelled.
func TestRunCancelCancelsTheRun(t *testing.T) {
	for _, tc := range []struct {
		name      string
		setup     func(h *harness)
		wantTypes []string
	}{
		{"while awaiting", func(h *harness) {
			h.onStart(state(assistant.StatusQueued))
			h.env.OnActivity(a.AwaitRun, mock.Anything, mock.Anything).After(time.Hour).Return(completed(), nil)
		}, []string{"StartRun", "AwaitRun", "CancelRun"}},
		{"while calling tools", func(h *harness) {
			h.onStart(requiresAction(toolCall("call_1", "weather"), toolCall("call_2", "time")))
			h.env.OnActivity(a.CallTool, mock.Anything, mock.Anything).After(time.Hour).Return(echo)
		}, []string{"StartRun", "CallTool", "CallTool", "CancelRun"}},
		{"while submitting", func(h *harness) {
			h.onStart(requiresAction(toolCall("call_1", "weather")))
			h.onTools()
			h.env.OnActivity(a.SubmitToolOutputs, mock.Anything, mock.Anything).After(time.Hour).Return(completed(), nil)
		}, []string{"StartRun", "CallTool", "SubmitToolOutputs", "CancelRun"}},
		{"while starting: the run is still created, then cancelled", func(h *harness) {
			h.env.OnActivity(a.StartRun, mock.Anything, mock.Anything).After(2*time.Minute).Return(state(assistant.StatusQueued), nil)
		}, []string{"StartRun", "CancelRun"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			tc.setup(h)
			h.onCancel()
			h.env.RegisterDelayedCallback(h.env.CancelWorkflow, time.Minute)
			h.run(baseRequest())

			requireCanceled(t, h)
			require.Equal(t, tc.wantTypes, h.types())
			require.Equal(t, []activities.CancelRunInput{{ThreadID: testThreadID, RunID: testRunID}},
				inputs[activities.CancelRunInput](h, "CancelRun"))
			require.Contains(t, h.eventLog(), "end CancelRun", "CancelRun must run to its end, not be cancelled with the workflow")
			st := h.query()
			require.Equal(t, PhaseDone, st.Phase)
			require.Equal(t, assistant.StatusCancelled, st.Status)
		})
	}
}

// A cancel that arrives while StartRun runs does not cancel StartRun (it runs
// in a disconnected context): the run it creates is known, then cancelled.
func TestRunCancelDuringStartLetsStartFinish(t *testing.T) {
	h := newHarness(t)
	h.env.OnActivity(a.StartRun, mock.Anything, mock.Anything).After(2*time.Minute).Return(state(assistant.StatusQueued), nil)
	h.onCancel()
	h.env.RegisterDelayedCallback(h.env.CancelWorkflow, time.Minute)
	h.run(baseRequest())

	requireCanceled(t, h)
	events := h.eventLog()
	require.Equal(t, []string{"start StartRun", "end StartRun", "start CancelRun", "end CancelRun"}, events)
	require.Equal(t, 2*time.Minute, h.env.Now().Sub(testStart), "the workflow waited for StartRun to finish")
}

// A cancel while the thread is being created never leaves a run behind: any
// run started afterwards is cancelled at the API.
func TestRunCancelDuringCreateThreadLeavesNoRun(t *testing.T) {
	h := newHarness(t)
	h.env.OnActivity(a.CreateThread, mock.Anything, mock.Anything).After(2*time.Minute).Return(
		activities.CreateThreadResult{ThreadID: testThreadID}, nil)
	h.onStart(state(assistant.StatusQueued))
	h.onCancel()
	h.env.RegisterDelayedCallback(h.env.CancelWorkflow, time.Minute)
	req := baseRequest()
	req.ThreadID = ""
	h.run(req)

	requireCanceled(t, h)
	require.Contains(t, h.eventLog(), "end CreateThread", "CreateThread runs disconnected")
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
			return assistant.RunState{}, nonRetryableAPIError(activities.ErrNotFound)
		})
	h.env.RegisterDelayedCallback(h.env.CancelWorkflow, time.Minute)
	h.run(baseRequest())

	requireCanceled(t, h)
	require.Equal(t, 1, h.calls("CancelRun"))
	require.Equal(t, PhaseDone, h.query().Phase)
}
