package activities_test

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/tools"
)

// recorder is a tool that remembers the CallInfo each call saw.
type recorder struct {
	mu    sync.Mutex
	infos []tools.CallInfo
	found []bool
}

func (r *recorder) tool() tools.Tool {
	return tools.Func("record", "Records its call info.",
		func(ctx context.Context, _ noteArgs) (string, error) {
			info, ok := tools.CallInfoFrom(ctx)
			r.mu.Lock()
			defer r.mu.Unlock()
			r.infos = append(r.infos, info)
			r.found = append(r.found, ok)
			return "recorded", nil
		})
}

func flakyTool() tools.Tool {
	return tools.Func("flaky", "Fails with a retryable fault.",
		func(context.Context, noteArgs) (string, error) {
			return "", tools.Retryable(errors.New("backend down"))
		})
}

func TestCallToolOutputs(t *testing.T) {
	tests := []struct {
		name      string
		call      assistant.ToolCall
		wantErr   bool
		wantOut   string // JSON
		contains  []string
		wantFault bool
	}{
		{name: "success", call: assistant.ToolCall{ID: "call_1", Name: "calculate", Arguments: `{"expression":"(2+3)*4"}`},
			wantOut: `{"result":20}`},
		{name: "unknown tool", call: assistant.ToolCall{ID: "call_2", Name: "launch_rocket", Arguments: `{}`},
			wantErr: true, contains: []string{"launch_rocket", "calculate"}},
		{name: "bad arguments", call: assistant.ToolCall{ID: "call_3", Name: "calculate", Arguments: `{"expr":1}`},
			wantErr: true, contains: []string{"calculate"}},
		{name: "handler error", call: assistant.ToolCall{ID: "call_4", Name: "calculate", Arguments: `{"expression":"1/0"}`},
			wantErr: true},
		{name: "retryable fault fails the activity", call: assistant.ToolCall{ID: "call_5", Name: "flaky", Arguments: `{"text":"x"}`},
			wantFault: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, harnessConfig{Tools: []tools.Tool{flakyTool()}})
			var out assistant.ToolOutput
			err := h.exec(&out, h.acts.CallTool, activities.CallToolInput{ThreadID: "thread_a", APIRunID: "run_b", Call: tc.call})

			if tc.wantFault {
				app := appError(t, err)
				require.Equal(t, assistant.ErrorTypeToolFault, app.Type())
				require.False(t, app.NonRetryable())
				require.Contains(t, app.Error(), "backend down")
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.call.ID, out.ToolCallID)
			require.Equal(t, tc.wantErr, out.IsError, out.Output)
			if tc.wantOut != "" {
				require.JSONEq(t, tc.wantOut, out.Output)
			}
			if tc.wantErr {
				var body struct {
					Error string `json:"error"`
				}
				require.NoError(t, json.Unmarshal([]byte(out.Output), &body), out.Output)
				require.NotEmpty(t, body.Error)
				for _, s := range tc.contains {
					require.Contains(t, body.Error, s)
				}
			}
			require.Zero(t, h.srv.Stats().Requests["POST /v1/threads"], "a tool call never touches the model API")
		})
	}
}

func TestCallToolPassesCallInfo(t *testing.T) {
	rec := &recorder{}
	h := newHarness(t, harnessConfig{Tools: []tools.Tool{rec.tool()}})
	in := activities.CallToolInput{ThreadID: "thread", APIRunID: "run",
		Call: assistant.ToolCall{ID: "call", Name: "record", Arguments: `{"text":"x"}`}}

	var out assistant.ToolOutput
	require.NoError(t, h.exec(&out, h.acts.CallTool, in))
	require.NoError(t, h.exec(&out, h.acts.CallTool, in)) // a second execution of the same call

	require.False(t, out.IsError, out.Output)
	require.Equal(t, "recorded", out.Output)
	rec.mu.Lock()
	defer rec.mu.Unlock()
	require.Equal(t, []bool{true, true}, rec.found)
	for _, info := range rec.infos {
		require.Equal(t, tools.CallInfo{ThreadID: "thread", APIRunID: "run", ToolCallID: "call", Attempt: 1}, info)
		require.Equal(t, "thread/run/call", info.IdempotencyKey(), "stable across executions")
	}
}
