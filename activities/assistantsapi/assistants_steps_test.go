package assistantsapi

import (
	"strings"
	"testing"

	"github.com/openai/openai-go/v3"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// A code_interpreter call's input and logs, and a file_search call's files,
// become the step's call, its text cut to stepBytes: steps ride in history.
func TestRunStepBuiltInToolsAreCut(t *testing.T) {
	long := strings.Repeat("<", stepBytes)
	var s openai.RunStep
	require.NoError(t, s.UnmarshalJSON([]byte(`{"id":"step_1","type":"tool_calls","status":"completed","step_details":{"type":"tool_calls","tool_calls":[
		{"id":"ci_1","type":"code_interpreter","code_interpreter":{"input":"print(1)","outputs":[{"type":"logs","logs":"`+long+`"},{"type":"image","image":{"file_id":"file_img"}}]}},
		{"id":"fs_1","type":"file_search","file_search":{"results":[{"file_id":"file_9","file_name":"a.txt","score":1}]}}]}}`)))
	step := runStep(s)
	require.Len(t, step.ToolCalls, 2)
	ci := step.ToolCalls[0]
	require.Equal(t, "code_interpreter", ci.Type)
	require.Equal(t, "print(1)", ci.Arguments)
	require.True(t, ci.Truncated)
	require.LessOrEqual(t, assistant.EncodedLen(ci.Output), stepBytes)
	require.Equal(t, []string{"file_img"}, ci.Results)
	require.Equal(t, assistant.StepToolCall{ID: "fs_1", Type: "file_search", Results: []string{"file_9"}}, step.ToolCalls[1])
}
