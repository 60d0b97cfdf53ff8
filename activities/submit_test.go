package activities_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// requiresAction starts a run that asks for one calculate call and waits for it.
func requiresAction(t *testing.T, h *harness) assistant.RunState {
	t.Helper()
	st := h.await(h.start(h.startInput(`call: calculate {"expression":"6*7"}`, "k1")))
	require.Equal(t, assistant.StatusRequiresAction, st.Status)
	require.Len(t, st.ToolCalls, 1)
	return st
}

// outputsFor runs every call of st through CallTool.
func outputsFor(t *testing.T, h *harness, st assistant.RunState) activities.SubmitToolOutputsInput {
	t.Helper()
	in := activities.SubmitToolOutputsInput{ThreadID: st.ThreadID, APIRunID: st.APIRunID}
	for _, tc := range st.ToolCalls {
		var out assistant.ToolOutput
		require.NoError(t, h.exec(&out, h.acts.CallTool, activities.CallToolInput{
			ThreadID: st.ThreadID, APIRunID: st.APIRunID, Call: tc}))
		in.Outputs = append(in.Outputs, out)
	}
	return in
}

func TestSubmitToolOutputsRunCompletes(t *testing.T) {
	h := newHarness(t, harnessConfig{})
	st := requiresAction(t, h)
	in := outputsFor(t, h, st)

	var sub assistant.RunState
	require.NoError(t, h.exec(&sub, h.acts.SubmitToolOutputs, in))
	require.Equal(t, st.APIRunID, sub.APIRunID)
	require.True(t, sub.Status.Pending(), "status %s", sub.Status)

	done := h.await(sub)
	require.Equal(t, assistant.StatusCompleted, done.Status)
	require.Equal(t, "Tool results: calculate -> {\"result\":42}", done.Reply.Text)
	require.Equal(t, 1, h.srv.Stats().ToolOutputSubmissions)
}

func TestSubmitToolOutputsRetryAfterSuccessIsSuccess(t *testing.T) {
	tests := []struct {
		name      string
		awaitDone bool // the run completed before the retry
	}{
		{"run still working", false},
		{"run completed", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, harnessConfig{Server: openaitest.Options{ModelLatency: 200 * time.Millisecond}})
			st := requiresAction(t, h)
			in := outputsFor(t, h, st)
			var first assistant.RunState
			require.NoError(t, h.exec(&first, h.acts.SubmitToolOutputs, in))
			if tc.awaitDone {
				require.Equal(t, assistant.StatusCompleted, h.await(first).Status)
			}

			var again assistant.RunState
			require.NoError(t, h.exec(&again, h.acts.SubmitToolOutputs, in))

			require.Equal(t, st.APIRunID, again.APIRunID)
			require.NotEqual(t, assistant.StatusRequiresAction, again.Status)
			if tc.awaitDone {
				require.Equal(t, assistant.StatusCompleted, again.Status)
				require.NotNil(t, again.Reply, "a completed run comes with its reply")
				require.Equal(t, "Tool results: calculate -> {\"result\":42}", again.Reply.Text)
			}
			require.Equal(t, 1, h.srv.Stats().ToolOutputSubmissions)
		})
	}
}

func TestSubmitToolOutputsLostResponseThenRetry(t *testing.T) {
	h := newHarness(t, harnessConfig{})
	st := requiresAction(t, h)
	in := outputsFor(t, h, st)
	h.srv.InjectFault(openaitest.Fault{AfterCommit: true, Drop: true, Method: "POST",
		Route: "/v1/threads/{thread_id}/runs/{run_id}/submit_tool_outputs"})

	err := h.exec(nil, h.acts.SubmitToolOutputs, in)
	require.Equal(t, assistant.ErrorTypeConnection, appError(t, err).Type())

	var again assistant.RunState
	require.NoError(t, h.exec(&again, h.acts.SubmitToolOutputs, in))
	require.Equal(t, assistant.StatusCompleted, h.await(again).Status)
	require.Equal(t, 1, h.srv.Stats().ToolOutputSubmissions)
}

func TestSubmitToolOutputsWrongCallIsBadRequest(t *testing.T) {
	h := newHarness(t, harnessConfig{})
	st := requiresAction(t, h)
	in := activities.SubmitToolOutputsInput{ThreadID: st.ThreadID, APIRunID: st.APIRunID,
		Outputs: []assistant.ToolOutput{{ToolCallID: st.ToolCalls[0].ID, Output: "1"}, {ToolCallID: st.ToolCalls[0].ID, Output: "2"}}}

	err := h.exec(nil, h.acts.SubmitToolOutputs, in)

	app := appError(t, err)
	require.Equal(t, assistant.ErrorTypeBadRequest, app.Type())
	require.True(t, app.NonRetryable())
	require.Zero(t, h.srv.Stats().ToolOutputSubmissions)
}
