package workflows

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// A call whose policy says Local runs as a local activity; the others stay
// regular activities; all outputs go in one submit (issue 18).
func TestRunLocalToolRunsAsLocalActivity(t *testing.T) {
	h := newHarness(t)
	fast, slow := toolCall("call_fast", "calculate"), toolCall("call_slow", "weather")
	fast.Policy = assistant.ToolPolicy{Timeout: time.Second, MaxAttempts: 2, Local: true}
	h.onStart(requiresAction(fast, slow))
	h.onTools()
	h.onSubmit(completed())
	h.run(baseRequest())

	res := h.result()
	require.Equal(t, assistant.StatusCompleted, res.Status)
	local := map[string]bool{}
	for i, in := range inputs[activities.CallToolInput](h, "CallTool") {
		local[in.Call.ID] = h.infos("CallTool")[i].IsLocalActivity
	}
	require.Equal(t, map[string]bool{"call_fast": true, "call_slow": false}, local)
	submits := inputs[activities.SubmitToolOutputsInput](h, "SubmitToolOutputs")
	require.Len(t, submits, 1)
	require.Equal(t, []assistant.ToolOutput{{ToolCallID: "call_fast", Output: "out:call_fast"},
		{ToolCallID: "call_slow", Output: "out:call_slow"}}, submits[0].Outputs)
}

// A local call that fails answers the model as a regular one would: the
// same attempts, the same timeout, the same error output.
func TestRunLocalToolFailuresMatchRegular(t *testing.T) {
	for _, tc := range []struct {
		name      string
		policy    assistant.ToolPolicy
		fn        func(ctx context.Context, in activities.CallToolInput) (assistant.ToolOutput, error)
		want      string
		wantCalls int
	}{
		{"retries spent", assistant.ToolPolicy{MaxAttempts: 2, Local: true},
			func(context.Context, activities.CallToolInput) (assistant.ToolOutput, error) {
				return assistant.ToolOutput{}, retryableToolFault()
			}, `{"error":"the tool failed after 2 attempts: tool weather: disk full"}`, 2},
		{"timed out", assistant.ToolPolicy{Timeout: 50 * time.Millisecond, MaxAttempts: 1, Local: true},
			func(ctx context.Context, _ activities.CallToolInput) (assistant.ToolOutput, error) {
				<-ctx.Done()
				return assistant.ToolOutput{}, ctx.Err()
			}, `{"error":"the tool did not finish in time"}`, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			// A local attempt's deadline is taken on the real clock from
			// the workflow's: the harness's start in the past would expire
			// every retry at once.
			h.env.SetStartTime(time.Now())
			bad := toolCall("call_bad", "weather")
			bad.Policy = tc.policy
			h.onStart(requiresAction(bad))
			h.env.OnActivity(a.CallTool, mock.Anything, callID("call_bad")).Return(tc.fn)
			h.onSubmit(completed())
			h.run(baseRequest())

			require.Equal(t, assistant.StatusCompleted, h.result().Status)
			submits := inputs[activities.SubmitToolOutputsInput](h, "SubmitToolOutputs")
			require.Len(t, submits, 1)
			require.Equal(t, []assistant.ToolOutput{{ToolCallID: "call_bad", Output: tc.want, IsError: true}}, submits[0].Outputs)
			require.Equal(t, tc.wantCalls, h.calls("CallTool"))
			for _, info := range h.infos("CallTool") {
				require.True(t, info.IsLocalActivity)
			}
		})
	}
}

// A run with a local call writes one version marker, the lean history's, and
// so one TemporalChangeVersion upsert: before leanLocalTools, the first local
// call added its own (a marker and an upsert, one more visibility write).
func TestRunLocalToolsAddNoVersionMarker(t *testing.T) {
	h := newHarness(t)
	var versions []any // the TemporalChangeVersion upserts GetVersion made
	h.env.OnUpsertSearchAttributes(mock.Anything).Return(nil).Run(func(args mock.Arguments) {
		versions = append(versions, args.Get(0).(map[string]any)["TemporalChangeVersion"])
	})
	fast := toolCall("call_fast", "calculate")
	fast.Policy = assistant.ToolPolicy{Local: true}
	h.onStart(requiresAction(fast))
	h.onTools()
	h.onSubmit(completed())
	h.run(baseRequest())

	require.Equal(t, assistant.StatusCompleted, h.result().Status)
	require.True(t, h.infos("CallTool")[0].IsLocalActivity)
	require.Equal(t, []any{[]string{"lean-history-2"}}, versions)
}
