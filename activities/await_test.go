package activities_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/openaitest"
	"github.com/durable-assistants/durable-assistants/tools"
)

const getRunRoute = "GET /v1/threads/{thread_id}/runs/{run_id}"

type noteArgs struct {
	Text string `json:"text" desc:"what to note"`
}

// noteTool has non-default scheduling options, to see them reach the workflow.
func noteTool() tools.Tool {
	return tools.Func("take_note", "Stores a note.",
		func(context.Context, noteArgs) (string, error) { return "noted", nil },
		tools.WithTimeout(5*time.Second), tools.WithMaxAttempts(7),
		tools.WithApproval(), tools.WithTaskQueue("notes"))
}

func TestAwaitRunCompletedReadsReply(t *testing.T) {
	h := newHarness(t, harnessConfig{})
	st := h.start(h.startInput("Hello world", "k1"))

	done := h.await(st)

	require.Equal(t, assistant.StatusCompleted, done.Status)
	require.NotNil(t, done.Reply)
	require.Equal(t, "Echo: Hello world", done.Reply.Text)
	require.Empty(t, done.ToolCalls)
	require.Positive(t, done.Usage.TotalTokens)
}

func TestAwaitRunTerminalWithoutReply(t *testing.T) {
	tests := []struct {
		name    string
		message string
		want    assistant.RunStatus
		check   func(t *testing.T, st assistant.RunState)
	}{
		{"failed", "fail: rate_limit_exceeded slow down", assistant.StatusFailed, func(t *testing.T, st assistant.RunState) {
			require.NotNil(t, st.LastError)
			require.Equal(t, "rate_limit_exceeded", st.LastError.Code)
			require.Equal(t, "slow down", st.LastError.Message)
		}},
		{"incomplete", "incomplete:", assistant.StatusIncomplete, func(t *testing.T, st assistant.RunState) {
			require.Equal(t, "max_completion_tokens", st.IncompleteReason)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, harnessConfig{})
			st := h.start(h.startInput(tc.message, "k1"))

			done := h.await(st)

			require.Equal(t, tc.want, done.Status)
			require.Nil(t, done.Reply)
			tc.check(t, done)
		})
	}
}

func TestAwaitRunRequiresActionFillsPolicies(t *testing.T) {
	h := newHarness(t, harnessConfig{Tools: []tools.Tool{noteTool()}})
	msg := "call: calculate {\"expression\":\"2+3\"}\n" +
		"call: take_note {\"text\":\"hi\"}\n" +
		"call: no_such_tool {}"
	st := h.start(h.startInput(msg, "k1"))

	got := h.await(st)

	require.Equal(t, assistant.StatusRequiresAction, got.Status)
	require.Nil(t, got.Reply)
	require.Len(t, got.ToolCalls, 3)
	want := map[string]struct {
		args   string
		policy assistant.ToolPolicy
	}{
		"calculate": {`{"expression":"2+3"}`, assistant.ToolPolicy{
			Timeout: tools.DefaultTimeout, MaxAttempts: tools.DefaultMaxAttempts}},
		"take_note": {`{"text":"hi"}`, assistant.ToolPolicy{
			Timeout: 5 * time.Second, MaxAttempts: 7, TaskQueue: "notes", RequiresApproval: true}},
		"no_such_tool": {`{}`, assistant.ToolPolicy{}}, // unknown: CallTool answers with an error output
	}
	for _, tc := range got.ToolCalls {
		w, ok := want[tc.Name]
		require.True(t, ok, "unexpected call %q", tc.Name)
		require.NotEmpty(t, tc.ID)
		require.JSONEq(t, w.args, tc.Arguments)
		require.Equal(t, w.policy, tc.Policy, tc.Name)
	}
	require.Equal(t, 30*time.Second, tools.DefaultTimeout)
	require.Equal(t, int32(3), tools.DefaultMaxAttempts)
}

func TestAwaitRunHonoursPollAfterHint(t *testing.T) {
	const (
		latency   = 500 * time.Millisecond
		pollAfter = 200 * time.Millisecond
	)
	h := newHarness(t, harnessConfig{Server: openaitest.Options{
		ModelLatency: latency, PollAfterMs: int(pollAfter.Milliseconds()),
	}})
	st := h.start(h.startInput("Hello", "k1"))
	require.Equal(t, pollAfter.Milliseconds(), st.PollAfterMs, "the create carries the hint")

	done := h.await(st)

	require.Equal(t, assistant.StatusCompleted, done.Status)
	gets := h.srv.Stats().Requests[getRunRoute]
	// latency/pollAfter = 2.5, so 3 polls; without the hint (10ms growing to
	// 50ms) it would be about a dozen.
	require.GreaterOrEqual(t, gets, 2)
	require.LessOrEqual(t, gets, int(latency/pollAfter)+2, "GET run requests")
}

func TestAwaitRunBacksOffWithoutHint(t *testing.T) {
	const latency = 500 * time.Millisecond
	h := newHarness(t, harnessConfig{Server: openaitest.Options{ModelLatency: latency}})
	st := h.start(h.startInput("Hello", "k1"))
	require.Zero(t, st.PollAfterMs)

	done := h.await(st)

	require.Equal(t, assistant.StatusCompleted, done.Status)
	gets := h.srv.Stats().Requests[getRunRoute]
	// 10, 15, 22.5, 33.75, then 50ms each: bounded by latency/PollInitial.
	require.Greater(t, gets, int(latency/(200*time.Millisecond))+2, "polls faster than any hint")
	require.LessOrEqual(t, gets, int(latency/(10*time.Millisecond)), "backs off up to PollMax")
}
