package activities_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

const (
	submitRoute   = "POST /v1/threads/{thread_id}/runs/{run_id}/submit_tool_outputs"
	listRunsRoute = "GET /v1/threads/{thread_id}/runs"
)

// requireCancelledNamingRun requires err to be a cancel whose details name
// the run, as the workflow needs them to cancel it.
func requireCancelledNamingRun(t *testing.T, err error) {
	t.Helper()
	var ce *temporal.CanceledError
	require.True(t, errors.As(err, &ce), "want a CanceledError, got %v", err)
	var p assistant.FollowProgress
	require.NoError(t, ce.Details(&p))
	require.NotEmpty(t, p.APIRunID)
}

// followStart runs StartRun with Follow in the stream harness (which keeps
// the heartbeat details for a retry).
func (h *streamHarness) followStart(in activities.StartRunInput) (assistant.RunState, error) {
	in.Follow = true
	var st assistant.RunState
	err := h.exec(&st, h.acts.StartRun, in)
	return st, err
}

// A following start creates one run and stays on it to requires_action,
// then a following submit to the end with the reply: one activity each.
func TestFollowStartAndSubmitToTheEnd(t *testing.T) {
	h := newStreamHarness(t, openaitest.Options{})
	in := h.startInput("sleep: 100ms\ncall: calculate {\"expression\":\"2+3\"}", "follow-1")

	st, err := h.followStart(in)
	require.NoError(t, err)
	require.Equal(t, assistant.StatusRequiresAction, st.Status)
	require.Len(t, st.ToolCalls, 1)
	require.NotZero(t, st.ToolCalls[0].Policy.MaxAttempts, "the calls carry their policy")
	require.Equal(t, st.APIRunID, h.retry().APIRunID, "the run ID was heartbeated")

	var done assistant.RunState
	require.NoError(t, h.exec(&done, h.acts.SubmitToolOutputs, activities.SubmitToolOutputsInput{
		ThreadID: st.ThreadID, APIRunID: st.APIRunID, Follow: true,
		Outputs: []assistant.ToolOutput{{ToolCallID: st.ToolCalls[0].ID, Output: "5"}},
	}))
	require.Equal(t, assistant.StatusCompleted, done.Status)
	require.NotNil(t, done.Reply)
	stats := h.srv.Stats()
	require.Equal(t, 1, stats.RunsCreated)
	require.Equal(t, 1, stats.Requests[submitRoute])
}

// A retry whose earlier attempt named the run in its heartbeat follows that
// run: no second create, no lookup.
func TestFollowStartRetryFollowsTheHeartbeatedRun(t *testing.T) {
	h := newStreamHarness(t, openaitest.Options{})
	in := h.startInput("Hello\nsleep: 200ms", "follow-2")
	first, err := h.followStart(in)
	require.NoError(t, err)
	require.Equal(t, assistant.StatusCompleted, first.Status)

	p := h.retry()
	again, err := h.followStart(in)
	require.NoError(t, err)
	require.Equal(t, p.APIRunID, again.APIRunID)
	require.Equal(t, assistant.StatusCompleted, again.Status)
	stats := h.srv.Stats()
	require.Equal(t, 1, stats.RunsCreated, "exactly one run")
	require.Zero(t, stats.Requests[listRunsRoute], "the details named the run: no lookup")
}

// A cancel stops the wait, never the create: whether it lands while the
// activity waits or before the create was even sent, the activity ends
// cancelled with the run in its details, so the workflow can cancel it.
func TestFollowStartCancelledEndsWithTheRunInDetails(t *testing.T) {
	for _, tc := range []struct {
		name  string
		after time.Duration
	}{{"while it waits", 300 * time.Millisecond}, {"before the create", 0}} {
		t.Run(tc.name, func(t *testing.T) {
			h := newStreamHarness(t, openaitest.Options{})
			in := h.startInput("think\nsleep: 1m", "follow-cancel")
			in.Follow = true
			ctx, cancel := context.WithCancel(context.Background())
			if tc.after == 0 {
				cancel()
			} else {
				time.AfterFunc(tc.after, cancel)
			}

			_, err := h.acts.StartRun(ctx, in)

			requireCancelledNamingRun(t, err)
			require.Equal(t, 1, h.srv.Stats().RunsCreated)
		})
	}
}

// CancelRun without a run ID finds the run by its idempotency key; with no
// such run there is nothing to cancel.
func TestCancelRunByKey(t *testing.T) {
	h := newHarness(t, harnessConfig{})
	st := h.start(h.startInput(activeRun, "key-1"))

	var out assistant.RunState
	require.NoError(t, h.exec(&out, h.acts.CancelRun, activities.CancelRunInput{ThreadID: st.ThreadID, IdempotencyKey: "key-1"}))
	require.Equal(t, st.APIRunID, out.APIRunID)
	require.Equal(t, assistant.StatusCancelled, out.Status)

	require.NoError(t, h.exec(&out, h.acts.CancelRun, activities.CancelRunInput{ThreadID: st.ThreadID, IdempotencyKey: "key-other"}))
	require.Empty(t, out.APIRunID)
	require.Equal(t, 1, h.srv.Stats().RunsCancelled)

	err := h.exec(nil, h.acts.CancelRun, activities.CancelRunInput{ThreadID: st.ThreadID})
	require.Equal(t, assistant.ErrorTypeInvalidInput, appError(t, err).Type())
}

// On the Responses protocol a submit makes the run's next response; a retry
// whose earlier attempt heartbeated that response follows it: no second
// submit, so no second response.
func TestFollowSubmitRetryOnResponsesFollowsTheNextResponse(t *testing.T) {
	h := newResponsesStreamHarness(t, openaitest.Options{ModelLatency: 100 * time.Millisecond})
	in := h.responsesStart("call: calculate {\"expression\":\"2+3\"}", "follow-r1")
	st, err := h.followStart(in)
	require.NoError(t, err)
	require.Equal(t, assistant.StatusRequiresAction, st.Status)

	sub := activities.SubmitToolOutputsInput{ThreadID: st.ThreadID, APIRunID: st.APIRunID, Follow: true,
		Outputs: []assistant.ToolOutput{{ToolCallID: st.ToolCalls[0].ID, Output: "5"}}}
	var done assistant.RunState
	require.NoError(t, h.exec(&done, h.acts.SubmitToolOutputs, sub))
	require.Equal(t, assistant.StatusCompleted, done.Status)
	require.NotEqual(t, st.APIRunID, done.APIRunID)

	require.Equal(t, done.APIRunID, h.retry().APIRunID, "the next response was heartbeated")
	var again assistant.RunState
	require.NoError(t, h.exec(&again, h.acts.SubmitToolOutputs, sub))
	require.Equal(t, done.APIRunID, again.APIRunID)
	require.Equal(t, "Tool results: calculate -> 5", again.Reply.Text)
	stats := h.srv.Stats()
	require.Equal(t, 1, stats.ToolOutputSubmissions)
	require.Equal(t, 2, stats.ResponsesCreated, "one for the start, one for the submit")
}

// A stream cancelled before the API named the run reads on until it does,
// then ends cancelled with the run in its details: never a run nobody sees.
func TestStreamRunCancelledBeforeNamedReadsOnUntilNamed(t *testing.T) {
	for name, h := range map[string]*streamHarness{
		"assistants": newStreamHarness(t, openaitest.Options{}),
		"responses":  newResponsesStreamHarness(t, openaitest.Options{}),
	} {
		t.Run(name, func(t *testing.T) {
			in := h.startInput("think\nsleep: 1m", "stream-cancel-"+name)
			if name == "responses" {
				in = h.responsesStart("think\nsleep: 1m", "stream-cancel-"+name)
			}
			ctx, cancel := context.WithCancel(context.Background())
			cancel()

			_, err := h.acts.StreamRun(ctx, activities.StreamRunInput{Start: &in})

			requireCancelledNamingRun(t, err)
			require.Equal(t, 1, h.srv.Stats().RunsCreated)
		})
	}
}

// A streamed submit retried on a turn adopted from conversation items (whose
// handle has no response to GET) submits through the conversation instead of
// failing on the read.
func TestStreamSubmitRetryOnAdoptedTurn(t *testing.T) {
	h := newResponsesStreamHarness(t, openaitest.Options{})
	in := h.responsesStart("call: calculate {\"expression\":\"2+3\"}", "adopted-submit")
	st, err := h.stream(activities.StreamRunInput{Start: &in})
	require.NoError(t, err)
	require.Equal(t, assistant.StatusRequiresAction, st.Status)

	adopted := "adopted:default" // what a retry that adopted this turn carries on with
	h.env.SetHeartbeatDetails(assistant.FollowProgress{APIRunID: adopted})
	done, err := h.stream(activities.StreamRunInput{Submit: &activities.SubmitToolOutputsInput{
		ThreadID: st.ThreadID, APIRunID: adopted,
		Outputs: []assistant.ToolOutput{{ToolCallID: st.ToolCalls[0].ID, Output: "5"}}}})
	require.NoError(t, err)
	require.Equal(t, assistant.StatusCompleted, done.Status)
	require.Equal(t, "Tool results: calculate -> 5", done.Reply.Text)
	require.Equal(t, 1, h.srv.Stats().ToolOutputSubmissions)
}

// A create refused with a 429 did nothing, and the attempt says so in its
// heartbeat details, so the retry does not look for a turn it never made.
func TestFollowStartRefusedIsRecorded(t *testing.T) {
	h := newResponsesStreamHarness(t, openaitest.Options{})
	in := h.responsesStart("yes", "refused-1")
	h.srv.InjectFault(openaitest.Fault{Method: "POST", Route: createResponseRoute, Status: 429})

	_, err := h.followStart(in)

	require.Equal(t, assistant.ErrorTypeRateLimited, appError(t, err).Type())
	require.Equal(t, int32(1), h.retry().RefusedThrough, "attempt 1 was refused")
	require.Zero(t, h.srv.Stats().ResponsesCreated)
}

// Details naming a turn adopted from conversation items (a handle with no
// response to GET) are not followed: the retry goes through the create,
// which adopts or creates, instead of failing on a read.
func TestFollowStartRetryIgnoresAnAdoptedHandle(t *testing.T) {
	h := newResponsesStreamHarness(t, openaitest.Options{})
	in := h.responsesStart("hello", "adopted-start")
	h.env.SetHeartbeatDetails(assistant.FollowProgress{APIRunID: "adopted:default"})

	st, err := h.followStart(in)

	require.NoError(t, err)
	require.Equal(t, assistant.StatusCompleted, st.Status)
	require.Regexp(t, `^resp_`, st.APIRunID)
}

// A following start that fails for good after it named the run (here its
// poll is refused with a 400) says which run in the error's details, so the
// failing workflow cancels that run by ID.
func TestFollowStartFailureNamesTheRun(t *testing.T) {
	h := newStreamHarness(t, openaitest.Options{})
	h.srv.InjectFault(openaitest.Fault{Method: "GET", Route: "/v1/threads/{thread_id}/runs/{run_id}", Status: 400})
	_, err := h.followStart(h.startInput("sleep: 200ms\nhello", "follow-fail"))
	var app *temporal.ApplicationError
	require.True(t, errors.As(err, &app), "want an ApplicationError, got %v", err)
	require.True(t, app.NonRetryable())
	require.Equal(t, assistant.ErrorTypeBadRequest, app.Type())
	var p assistant.FollowProgress
	require.NoError(t, app.Details(&p))
	require.Regexp(t, `^run_`, p.APIRunID)
}
