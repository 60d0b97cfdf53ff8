package workflows

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// callID matches a CallTool input by its tool call ID.
func callID(id string) any {
	return mock.MatchedBy(func(in activities.CallToolInput) bool { return in.Call.ID == id })
}

func echo(_ context.Context, in activities.CallToolInput) (assistant.ToolOutput, error) {
	return assistant.ToolOutput{ToolCallID: in.Call.ID, Output: "out:" + in.Call.ID}, nil
}

// A requires_action with three calls runs three CallTool activities at once
// and submits the three outputs in one request, in call order, even when the
// calls finish in another order.
func TestRunToolCallsRunInParallel(t *testing.T) {
	h := newHarness(t)
	calls := []assistant.ToolCall{toolCall("call_1", "weather"), toolCall("call_2", "time"), toolCall("call_3", "news")}
	calls[0].Policy = assistant.ToolPolicy{Timeout: time.Minute, MaxAttempts: 2}
	h.onStart(requiresAction(calls...))
	// The first call is the slowest: completion order is 2, 3, 1.
	for id, d := range map[string]time.Duration{"call_1": 30 * time.Second, "call_2": 10 * time.Second, "call_3": 20 * time.Second} {
		h.env.OnActivity(a.CallTool, mock.Anything, callID(id)).After(d).Return(echo)
	}
	h.onSubmit(completed())
	h.run(baseRequest())

	res := h.result()
	require.Equal(t, assistant.StatusCompleted, res.Status)
	// Parallel: the run took as long as the slowest call, not the sum (60s).
	require.Equal(t, 30*time.Second, h.env.Now().Sub(testStart))
	// All three were started before any finished.
	var tools []string
	for _, e := range h.eventLog() {
		if strings.HasSuffix(e, " CallTool") {
			tools = append(tools, e)
		}
	}
	require.Equal(t, []string{"start CallTool", "start CallTool", "start CallTool",
		"end CallTool", "end CallTool", "end CallTool"}, tools)

	for _, in := range inputs[activities.CallToolInput](h, "CallTool") {
		require.Equal(t, testThreadID, in.ThreadID)
		require.Equal(t, testRunID, in.APIRunID)
	}
	submits := inputs[activities.SubmitToolOutputsInput](h, "SubmitToolOutputs")
	require.Len(t, submits, 1, "all outputs go in one submit")
	require.Equal(t, activities.SubmitToolOutputsInput{ThreadID: testThreadID, APIRunID: testRunID, Outputs: []assistant.ToolOutput{
		{ToolCallID: "call_1", Output: "out:call_1"},
		{ToolCallID: "call_2", Output: "out:call_2"},
		{ToolCallID: "call_3", Output: "out:call_3"},
	}, Follow: true}, submits[0], "the submit follows the run on")

	// The Result records each call with its output, in call order; the
	// scheduling policy is not kept.
	require.Len(t, res.ToolCalls, 3)
	for i, rec := range res.ToolCalls {
		want := calls[i]
		want.Policy = assistant.ToolPolicy{}
		require.Equal(t, assistant.ToolCallRecord{ToolCall: want, Output: "out:" + want.ID}, rec)
	}
}

// Two rounds of requires_action: each round's outputs go in their own submit,
// and the Result records the calls of both rounds.
func TestRunTwoToolRounds(t *testing.T) {
	h := newHarness(t)
	h.onStart(requiresAction(toolCall("call_1", "weather"), toolCall("call_2", "time"), toolCall("call_3", "news")))
	h.onTools()
	h.onSubmit(requiresAction(toolCall("call_4", "weather")), state(assistant.StatusQueued))
	h.onAwait(completed())
	h.run(baseRequest())

	res := h.result()
	require.Equal(t, assistant.StatusCompleted, res.Status)
	require.Equal(t, []string{"StartRun", "CallTool", "CallTool", "CallTool", "SubmitToolOutputs",
		"CallTool", "SubmitToolOutputs", "AwaitRun"}, h.types())
	submits := inputs[activities.SubmitToolOutputsInput](h, "SubmitToolOutputs")
	require.Len(t, submits, 2)
	require.Len(t, submits[0].Outputs, 3)
	require.Equal(t, []assistant.ToolOutput{{ToolCallID: "call_4", Output: "out:call_4"}}, submits[1].Outputs)
	var ids []string
	for _, rec := range res.ToolCalls {
		ids = append(ids, rec.ID)
		require.Equal(t, "out:"+rec.ID, rec.Output)
	}
	require.Equal(t, []string{"call_1", "call_2", "call_3", "call_4"}, ids)
	require.Equal(t, 2, h.query().ToolRounds)
}

// A call that fails for good answers the model with {"error": ...} marked
// IsError; the other calls' outputs and the run go on.
func TestRunFailedToolBecomesErrorOutput(t *testing.T) {
	for _, tc := range []struct {
		name      string
		policy    assistant.ToolPolicy
		fn        func(ctx context.Context, in activities.CallToolInput) (assistant.ToolOutput, error)
		want      string
		wantCalls int
	}{
		{
			name: "non-retryable error",
			fn: func(context.Context, activities.CallToolInput) (assistant.ToolOutput, error) {
				return assistant.ToolOutput{}, nonRetryableAPIError("ToolBroken")
			},
			want:      `{"error":"the tool failed: call: 404 invalid_request_error: No such thing"}`,
			wantCalls: 1,
		},
		{
			name:   "retries spent",
			policy: assistant.ToolPolicy{MaxAttempts: 2},
			fn: func(context.Context, activities.CallToolInput) (assistant.ToolOutput, error) {
				return assistant.ToolOutput{}, retryableToolFault()
			},
			want:      `{"error":"the tool failed after 2 attempts: tool weather: disk full"}`,
			wantCalls: 2,
		},
		{
			name:   "default attempts spent",
			policy: assistant.ToolPolicy{},
			fn: func(context.Context, activities.CallToolInput) (assistant.ToolOutput, error) {
				return assistant.ToolOutput{}, retryableToolFault()
			},
			want:      `{"error":"the tool failed after 3 attempts: tool weather: disk full"}`,
			wantCalls: int(defaultToolTries),
		},
		{
			// A real start-to-close timeout: the call waits for its context
			// to end (no fixed sleep), which the test env ends after 50ms.
			name:   "timed out",
			policy: assistant.ToolPolicy{Timeout: 50 * time.Millisecond, MaxAttempts: 1},
			fn: func(ctx context.Context, _ activities.CallToolInput) (assistant.ToolOutput, error) {
				<-ctx.Done()
				return assistant.ToolOutput{}, ctx.Err()
			},
			want:      `{"error":"the tool did not finish in time"}`,
			wantCalls: 1,
		},
		{
			name: "handler error output passes through",
			fn: func(_ context.Context, in activities.CallToolInput) (assistant.ToolOutput, error) {
				return assistant.ToolOutput{ToolCallID: in.Call.ID, Output: `{"error":"no such city"}`, IsError: true}, nil
			},
			want:      `{"error":"no such city"}`,
			wantCalls: 1,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			h.env.SetActivityTimeoutGracePeriod(0)
			bad := toolCall("call_bad", "weather")
			bad.Policy = tc.policy
			h.onStart(requiresAction(bad, toolCall("call_ok", "time")))
			h.env.OnActivity(a.CallTool, mock.Anything, callID("call_bad")).Return(tc.fn)
			h.env.OnActivity(a.CallTool, mock.Anything, callID("call_ok")).Return(echo)
			h.onSubmit(completed())
			h.run(baseRequest())

			res := h.result()
			require.Equal(t, assistant.StatusCompleted, res.Status)
			submits := inputs[activities.SubmitToolOutputsInput](h, "SubmitToolOutputs")
			require.Len(t, submits, 1, "the outputs are submitted despite the failure")
			require.Equal(t, []assistant.ToolOutput{
				{ToolCallID: "call_bad", Output: tc.want, IsError: true},
				{ToolCallID: "call_ok", Output: "out:call_ok"},
			}, submits[0].Outputs)
			require.Len(t, res.ToolCalls, 2)
			require.Equal(t, tc.want, res.ToolCalls[0].Output)
			require.True(t, res.ToolCalls[0].IsError)
			require.False(t, res.ToolCalls[1].IsError)
			require.Equal(t, tc.wantCalls+1, h.calls("CallTool"))
		})
	}
}

// Long arguments and outputs go to the tool and the model whole but are cut
// in the Result, marked; short ones are kept as they are.
func TestRunToolCallIsCutInResult(t *testing.T) {
	h := newHarness(t)
	long := strings.Repeat("<x>", 2*maxRecordedBytes)
	big := toolCall("call_1", "dump")
	big.Arguments = `{"q":"` + long + `"}`
	h.onStart(requiresAction(big, toolCall("call_2", "dump")))
	h.env.OnActivity(a.CallTool, mock.Anything, callID("call_1")).Return(
		func(_ context.Context, in activities.CallToolInput) (assistant.ToolOutput, error) {
			return assistant.ToolOutput{ToolCallID: in.Call.ID, Output: long}, nil
		})
	h.env.OnActivity(a.CallTool, mock.Anything, callID("call_2")).Return(echo)
	h.onSubmit(completed())
	h.run(baseRequest())

	res := h.result()
	// The two calls run concurrently, so find the long one by its ID.
	sent := map[string]string{}
	for _, in := range inputs[activities.CallToolInput](h, "CallTool") {
		sent[in.Call.ID] = in.Call.Arguments
	}
	require.Equal(t, big.Arguments, sent["call_1"])
	require.Equal(t, long, inputs[activities.SubmitToolOutputsInput](h, "SubmitToolOutputs")[0].Outputs[0].Output)
	rec := res.ToolCalls[0]
	require.True(t, rec.Truncated)
	for _, s := range []string{rec.Arguments, rec.Output} {
		require.LessOrEqual(t, assistant.EncodedLen(s), maxRecordedBytes)
		require.Regexp(t, `…\[truncated \d+ bytes\]$`, s)
	}
	require.True(t, strings.HasPrefix(long, strings.Split(rec.Output, "…")[0]))
	require.False(t, res.ToolCalls[1].Truncated)
	require.Equal(t, "out:call_2", res.ToolCalls[1].Output)
}

// A Result lists at most maxRecordedCalls calls, the first ones, and counts
// the rest: its size does not grow with the run's length.
func TestRunResultCapsToolCallRecords(t *testing.T) {
	h := newHarness(t)
	round := func(from, n int) assistant.RunState {
		calls := make([]assistant.ToolCall, n)
		for i := range calls {
			calls[i] = toolCall(fmt.Sprintf("call_%03d", from+i), "t")
		}
		return requiresAction(calls...)
	}
	h.onStart(round(0, 70))
	h.onTools()
	h.onSubmit(round(70, 50), completed())
	h.run(baseRequest())

	res := h.result()
	require.Len(t, res.ToolCalls, maxRecordedCalls)
	require.Equal(t, 120-maxRecordedCalls, res.ToolCallsOmitted)
	require.Equal(t, "call_000", res.ToolCalls[0].ID)
	require.Equal(t, fmt.Sprintf("call_%03d", maxRecordedCalls-1), res.ToolCalls[maxRecordedCalls-1].ID)
	require.Len(t, inputs[activities.SubmitToolOutputsInput](h, "SubmitToolOutputs")[1].Outputs, 50, "every call still runs and is submitted")
}

// A run whose state asks for its settings (a Responses start adopted from
// the conversation, whose handle carries IDs only) has its submit bring its
// own instructions and metadata; any other submit carries none.
func TestRunSubmitCarriesSettingsWhenAsked(t *testing.T) {
	for _, carry := range []bool{false, true} {
		h := newHarness(t)
		st := requiresAction(toolCall("call_1", "weather"))
		st.CarrySettings = carry
		h.onStart(st)
		h.onTools()
		h.onSubmit(completed())
		h.run(baseRequest())
		require.Equal(t, assistant.StatusCompleted, h.result().Status)

		submits := inputs[activities.SubmitToolOutputsInput](h, "SubmitToolOutputs")
		require.Len(t, submits, 1)
		if !carry {
			require.Nil(t, submits[0].Run)
			continue
		}
		require.Equal(t, &activities.RunSettings{Instructions: baseRequest().Instructions, Metadata: baseRequest().Metadata}, submits[0].Run)
	}
}
