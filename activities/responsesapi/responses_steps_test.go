package responsesapi

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// On the responses protocol each turn's state carries its steps, read from
// the output items already fetched: no request lists them.
func TestResponsesStatesCarrySteps(t *testing.T) {
	b, srv, conv := newConversation(t)
	ctx := context.Background()
	st, err := b.CreateRun(ctx, activities.StartRunInput{ThreadID: conv, AssistantID: "default",
		Message: "call: get_weather {\"city\":\"Oslo\"}"}, "wf/run")
	require.NoError(t, err)
	st = settled(t, b, st)
	require.Len(t, st.Steps, 1)
	require.Equal(t, "tool_calls", st.Steps[0].Type)
	require.Equal(t, []assistant.StepToolCall{{ID: st.ToolCalls[0].ID, Type: "function", Name: "get_weather", Arguments: `{"city":"Oslo"}`}},
		st.Steps[0].ToolCalls)

	next, err := b.SubmitToolOutputs(ctx, conv, st.APIRunID, []assistant.ToolOutput{{ToolCallID: st.ToolCalls[0].ID, Output: "sunny"}}, nil)
	require.NoError(t, err)
	next = settled(t, b, next)
	require.Equal(t, assistant.StatusCompleted, next.Status)
	require.Len(t, next.Steps, 1)
	require.Equal(t, "message_creation", next.Steps[0].Type)
	require.NotEmpty(t, next.Steps[0].MessageID)
	for route := range srv.Stats().Requests {
		require.NotContains(t, route, "steps")
	}
}

// Built-in tool items become steps in the assistants protocol's terms, their
// code and logs cut to stepBytes; user messages are no steps.
func TestItemStepsBuiltInTools(t *testing.T) {
	long := strings.Repeat("x", 2*stepBytes)
	items := []wireItem{
		{ID: "msg_u", Type: "message", Role: "user"},
		{ID: "ci_1", Type: "code_interpreter_call", Status: "completed", Code: "print(1)"},
		{ID: "fs_1", Type: "file_search_call", Status: "completed"},
		{ID: "msg_a", Type: "message", Role: "assistant", Status: "completed"},
	}
	items[1].Outputs = append(items[1].Outputs, struct {
		Type string `json:"type"`
		Logs string `json:"logs"`
	}{"logs", long})
	items[2].Results = append(items[2].Results, struct {
		FileID string `json:"file_id"`
	}{"file_9"})
	steps := itemSteps(items)
	require.Len(t, steps, 3)
	ci := steps[0].ToolCalls[0]
	require.Equal(t, "code_interpreter", ci.Type)
	require.Equal(t, "print(1)", ci.Arguments)
	require.True(t, ci.Truncated)
	require.LessOrEqual(t, assistant.EncodedLen(ci.Output), stepBytes)
	require.Equal(t, []string{"file_9"}, steps[1].ToolCalls[0].Results)
	require.Equal(t, assistant.RunStep{ID: "msg_a", Type: "message_creation", Status: "completed", MessageID: "msg_a"}, steps[2])
}
