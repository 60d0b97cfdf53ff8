package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// --steps asks the run for its steps; both outputs show them.
func TestRunStepsFlagAndOutput(t *testing.T) {
	var stderr bytes.Buffer
	f, err := parseRunFlags([]string{"--assistant", "asst_1", "--message", "hi"}, &stderr)
	require.NoError(t, err)
	require.False(t, f.req.IncludeSteps)
	f, err = parseRunFlags([]string{"--assistant", "asst_1", "--message", "hi", "--steps"}, &stderr)
	require.NoError(t, err)
	require.True(t, f.req.IncludeSteps)

	var o output
	o.fill(assistant.Result{Status: assistant.StatusCompleted, Reply: "5", Steps: []assistant.RunStep{
		{ID: "step_1", Type: "tool_calls", ToolCalls: []assistant.StepToolCall{{ID: "c1", Type: "function", Name: "calculate", Arguments: `{"x":1}`, Output: "5"}}},
		{ID: "step_2", Type: "message_creation", MessageID: "msg_1"},
	}})
	var text, js bytes.Buffer
	report(&text, &stderr, false, o, 0)
	require.Contains(t, text.String(), `step step_1: calculate({"x":1}) -> 5`)
	require.Contains(t, text.String(), "step step_2: message msg_1")
	report(&js, &stderr, true, o, 0)
	var back map[string]any
	require.NoError(t, json.Unmarshal(js.Bytes(), &back))
	require.Len(t, back["steps"], 2)
}
