package activities_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// A finished run's steps, listed in one request on the assistants protocol:
// the tool_calls step with the function's arguments and submitted output,
// then the message_creation step naming the reply's message.
func TestListRunStepsAfterToolRound(t *testing.T) {
	h := newHarness(t, harnessConfig{})
	st := requiresAction(t, h)
	var sub assistant.RunState
	require.NoError(t, h.exec(&sub, h.acts.SubmitToolOutputs, outputsFor(t, h, st)))
	done := h.await(sub)
	require.Equal(t, assistant.StatusCompleted, done.Status)

	var steps []assistant.RunStep
	require.NoError(t, h.exec(&steps, h.acts.ListRunSteps, activities.ListRunStepsInput{ThreadID: done.ThreadID, APIRunID: done.APIRunID}))
	require.Equal(t, 1, h.srv.Stats().Requests["GET /v1/threads/{thread_id}/runs/{run_id}/steps"])
	require.Len(t, steps, 2)
	require.Equal(t, "tool_calls", steps[0].Type)
	require.Equal(t, "completed", steps[0].Status)
	require.Len(t, steps[0].ToolCalls, 1)
	call := steps[0].ToolCalls[0]
	require.Equal(t, st.ToolCalls[0].ID, call.ID)
	require.Equal(t, "function", call.Type)
	require.Equal(t, "calculate", call.Name)
	require.Equal(t, st.ToolCalls[0].Arguments, call.Arguments)
	require.Equal(t, `{"result":42}`, call.Output)
	require.Equal(t, "message_creation", steps[1].Type)
	require.NotEmpty(t, steps[1].MessageID)
}
