package workflows

import (
	"context"
	"testing"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// queued -> AwaitRun -> completed: the Result carries everything the
// terminal state had, and the wait starts from StartRun's poll hint.
func TestRunQueuedAwaitCompleted(t *testing.T) {
	h := newHarness(t)
	queued := state(assistant.StatusQueued)
	queued.PollAfterMs = 750
	h.onStart(queued)
	done := completed()
	h.onAwait(done)
	h.run(baseRequest())

	res := h.result()
	require.Equal(t, assistant.Result{
		ThreadID:    testThreadID,
		APIRunID:    testRunID,
		Status:      assistant.StatusCompleted,
		Reply:       done.Reply.Text,
		Annotations: done.Reply.Annotations,
		Usage:       done.Usage,
	}, res)
	require.Equal(t, []string{"StartRun", "AwaitRun"}, h.types())
	require.Equal(t, []activities.AwaitRunInput{{ThreadID: testThreadID, APIRunID: testRunID, PollAfterMs: 750}},
		inputs[activities.AwaitRunInput](h, "AwaitRun"))
	require.Equal(t, assistant.RunView{Phase: assistant.PhaseDone, ThreadID: testThreadID, APIRunID: testRunID, Status: assistant.StatusCompleted}, h.query())
}

// Every pending status (queued, in_progress, cancelling) leads to another
// wait; each wait gets the poll hint of the state before it.
func TestRunWaitsWhilePending(t *testing.T) {
	h := newHarness(t)
	queued := state(assistant.StatusQueued)
	queued.PollAfterMs = 100
	h.onStart(queued)
	inProgress := state(assistant.StatusInProgress)
	inProgress.PollAfterMs = 200
	cancelling := state(assistant.StatusCancelling)
	cancelling.PollAfterMs = 300
	h.onAwait(inProgress, cancelling, state(assistant.StatusCancelled))
	h.run(baseRequest())

	res := h.result()
	require.Equal(t, assistant.StatusCancelled, res.Status)
	awaits := inputs[activities.AwaitRunInput](h, "AwaitRun")
	require.Len(t, awaits, 3)
	for i, want := range []int64{100, 200, 300} {
		require.Equal(t, want, awaits[i].PollAfterMs, "wait %d", i)
		require.Equal(t, testRunID, awaits[i].APIRunID)
		require.Equal(t, testThreadID, awaits[i].ThreadID)
	}
}

// Each terminal status ends the run with a Result (never a workflow error),
// with the error the API gave or one that explains the status.
func TestRunTerminalStatuses(t *testing.T) {
	apiErr := &assistant.RunError{Code: "server_error", Message: "the model crashed"}
	for _, tc := range []struct {
		name      string
		final     func() assistant.RunState
		wantErr   *assistant.RunError // exact, when set
		wantCode  string
		wantInMsg string
	}{
		{name: "completed", final: completed},
		{name: "failed with last_error", final: func() assistant.RunState {
			st := state(assistant.StatusFailed)
			st.LastError = apiErr
			return st
		}, wantErr: apiErr},
		{name: "failed without last_error", final: func() assistant.RunState {
			return state(assistant.StatusFailed)
		}, wantCode: "failed", wantInMsg: testRunID},
		{name: "cancelled", final: func() assistant.RunState {
			return state(assistant.StatusCancelled)
		}, wantCode: "cancelled", wantInMsg: "cancelled"},
		{name: "expired", final: func() assistant.RunState {
			return state(assistant.StatusExpired)
		}, wantCode: "expired", wantInMsg: "expired"},
		{name: "expired with last_error keeps the API's", final: func() assistant.RunState {
			st := state(assistant.StatusExpired)
			st.LastError = apiErr
			return st
		}, wantErr: apiErr},
		{name: "incomplete with reason", final: func() assistant.RunState {
			st := state(assistant.StatusIncomplete)
			st.IncompleteReason = "max_completion_tokens"
			return st
		}, wantCode: "incomplete", wantInMsg: "max_completion_tokens"},
		{name: "incomplete without reason", final: func() assistant.RunState {
			return state(assistant.StatusIncomplete)
		}, wantCode: "incomplete", wantInMsg: "unknown"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, via := range []string{"StartRun", "AwaitRun"} {
				t.Run("via "+via, func(t *testing.T) {
					h := newHarness(t)
					final := tc.final()
					final.Usage = assistant.Usage{PromptTokens: 7, CompletionTokens: 3, TotalTokens: 10}
					wantTypes := []string{"StartRun"}
					if via == "StartRun" {
						h.onStart(final)
					} else {
						h.onStart(state(assistant.StatusInProgress))
						h.onAwait(final)
						wantTypes = append(wantTypes, "AwaitRun")
					}
					h.run(baseRequest())

					res := h.result()
					require.Equal(t, wantTypes, h.types())
					require.Equal(t, final.Status, res.Status)
					require.Equal(t, testThreadID, res.ThreadID)
					require.Equal(t, testRunID, res.APIRunID)
					require.Equal(t, final.Usage, res.Usage)
					switch {
					case final.Status == assistant.StatusCompleted:
						require.Nil(t, res.Error)
						require.Equal(t, final.Reply.Text, res.Reply)
					case tc.wantErr != nil:
						require.Equal(t, tc.wantErr, res.Error)
					default:
						require.NotNil(t, res.Error)
						require.Equal(t, tc.wantCode, res.Error.Code)
						require.Contains(t, res.Error.Message, tc.wantInMsg)
					}
				})
			}
		})
	}
}

// All nine statuses have a defined next step; anything else fails the
// workflow loudly with UnknownRunState, wherever the state came from, and
// nothing is called after it.
func TestRunStatusDispatch(t *testing.T) {
	next := map[assistant.RunStatus]string{
		assistant.StatusQueued:         "AwaitRun",
		assistant.StatusInProgress:     "AwaitRun",
		assistant.StatusCancelling:     "AwaitRun",
		assistant.StatusRequiresAction: "CallTool",
		assistant.StatusCompleted:      "",
		assistant.StatusFailed:         "",
		assistant.StatusCancelled:      "",
		assistant.StatusExpired:        "",
		assistant.StatusIncomplete:     "",
	}
	for _, s := range []assistant.RunStatus{"queued", "in_progress", "requires_action", "cancelling",
		"cancelled", "failed", "completed", "incomplete", "expired"} {
		require.True(t, s.Known())
		want, ok := next[s]
		require.True(t, ok, "status %s has no expectation", s)
		t.Run(string(s), func(t *testing.T) {
			h := newHarness(t)
			first := state(s)
			if s == assistant.StatusRequiresAction {
				first.ToolCalls = []assistant.ToolCall{toolCall("call_1", "weather")}
			}
			h.onStart(first)
			h.onAwait(completed())
			h.onTools()
			h.onSubmit(completed())
			h.run(baseRequest())

			res := h.result()
			types := h.types()
			if want == "" {
				require.Equal(t, []string{"StartRun"}, types)
				require.Equal(t, s, res.Status)
				return
			}
			require.GreaterOrEqual(t, len(types), 2)
			require.Equal(t, want, types[1])
			require.Equal(t, assistant.StatusCompleted, res.Status)
		})
	}
}

func TestRunUnknownStatusFails(t *testing.T) {
	for _, tc := range []struct {
		name      string
		setup     func(h *harness, bad assistant.RunState)
		wantTypes []string
	}{
		{"from StartRun", func(h *harness, bad assistant.RunState) {
			h.onStart(bad)
		}, []string{"StartRun", "CancelRun"}},
		{"from AwaitRun", func(h *harness, bad assistant.RunState) {
			h.onStart(state(assistant.StatusQueued))
			h.onAwait(bad)
		}, []string{"StartRun", "AwaitRun", "CancelRun"}},
		{"from SubmitToolOutputs", func(h *harness, bad assistant.RunState) {
			h.onStart(requiresAction(toolCall("call_1", "weather")))
			h.onTools()
			h.onSubmit(bad)
		}, []string{"StartRun", "CallTool", "SubmitToolOutputs", "CancelRun"}},
	} {
		for _, status := range []assistant.RunStatus{"paused", ""} {
			t.Run(tc.name+"/"+string(status), func(t *testing.T) {
				h := newHarness(t)
				tc.setup(h, state(status))
				h.onCancel()
				h.run(baseRequest())

				app := h.appError()
				require.Equal(t, assistant.ErrorTypeUnknownRunState, app.Type())
				require.True(t, app.NonRetryable())
				require.Contains(t, app.Message(), testRunID)
				require.Equal(t, tc.wantTypes, h.types(), "nothing but the cancel may run after an unknown status")
				requireCancelledByID(t, h)
			})
		}
	}
}

// AwaitRun failing for good fails the workflow with its error, after
// cancelling the run at the API: nobody would follow it otherwise.
func TestRunAwaitFailureFailsWorkflow(t *testing.T) {
	h := newHarness(t)
	h.onStart(state(assistant.StatusQueued))
	h.env.OnActivity(a.AwaitRun, mock.Anything, mock.Anything).Return(
		func(context.Context, activities.AwaitRunInput) (assistant.RunState, error) {
			return assistant.RunState{}, nonRetryableAPIError(assistant.ErrorTypeNotFound)
		})
	h.onCancel()
	h.run(baseRequest())

	app := h.appError()
	require.Equal(t, assistant.ErrorTypeNotFound, app.Type())
	require.Equal(t, 1, h.calls("AwaitRun"))
	requireCancelledByID(t, h)
}
