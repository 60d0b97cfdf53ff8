package activities_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

func (h *harness) cancel(st assistant.RunState) assistant.RunState {
	h.t.Helper()
	var out assistant.RunState
	require.NoError(h.t, h.exec(&out, h.acts.CancelRun, activities.CancelRunInput{ThreadID: st.ThreadID, APIRunID: st.APIRunID}))
	require.Equal(h.t, st.APIRunID, out.APIRunID)
	return out
}

func TestCancelRunInProgressThenAgain(t *testing.T) {
	h := newHarness(t, harnessConfig{})
	st := h.start(h.startInput(activeRun, "k1"))

	first := h.cancel(st)
	require.Equal(t, assistant.StatusCancelled, first.Status, "waits until cancelling ends")

	second := h.cancel(st)
	require.Equal(t, assistant.StatusCancelled, second.Status)
	require.Equal(t, 1, h.srv.Stats().RunsCancelled)
}

func TestCancelRunTerminalRunIsNoop(t *testing.T) {
	tests := []struct {
		name    string
		message string
		want    assistant.RunStatus
	}{
		{"completed", "Hello", assistant.StatusCompleted},
		{"failed", "fail: server_error boom", assistant.StatusFailed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, harnessConfig{})
			done := h.await(h.start(h.startInput(tc.message, "k1")))
			require.Equal(t, tc.want, done.Status)

			got := h.cancel(done)

			require.Equal(t, tc.want, got.Status)
			require.Zero(t, h.srv.Stats().RunsCancelled)
		})
	}
}

func TestCancelRunRequiresActionEndsAtOnce(t *testing.T) {
	h := newHarness(t, harnessConfig{})
	st := h.await(h.start(h.startInput(`call: calculate {"expression":"1+1"}`, "k1")))
	require.Equal(t, assistant.StatusRequiresAction, st.Status)

	gets := h.srv.Stats().Requests[getRunRoute]

	got := h.cancel(st)

	require.Equal(t, assistant.StatusCancelled, got.Status)
	require.Equal(t, gets, h.srv.Stats().Requests[getRunRoute], "no poll needed")
	require.Equal(t, 1, h.srv.Stats().RunsCancelled)
}
