package activities_test

import (
	"testing"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/activities/responsesapi"
	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/openaitest"
	"github.com/durable-assistants/durable-assistants/tools"
)

const (
	createResponseRoute = "/v1/responses"
	getResponseRoute    = "GET /v1/responses/{response_id}"
)

// newResponsesStreamHarness is the stream harness on the responses protocol,
// with the profile "default".
func newResponsesStreamHarness(t *testing.T, opts openaitest.Options) *streamHarness {
	t.Helper()
	srv, url := openaitest.NewTestServer(t, opts)
	c := openai.NewClient(option.WithBaseURL(url), option.WithAPIKey("k"), option.WithMaxRetries(0))
	return newStreamHarnessWith(t, srv, c, func(reg *tools.Registry) activities.Backend {
		var defs []assistant.ToolDefinition
		for _, d := range reg.Definitions() {
			defs = append(defs, assistant.ToolDefinition{Name: d.Name, Description: d.Description, Parameters: d.Parameters, Strict: d.Strict})
		}
		return responsesapi.New(c, map[string]assistant.Profile{"default": {Model: "gpt-4o"}}, func() []assistant.ToolDefinition { return defs })
	})
}

// responsesStart is a StartRunInput on a fresh conversation.
func (h *streamHarness) responsesStart(message, key string) activities.StartRunInput {
	return activities.StartRunInput{ThreadID: h.thread(), AssistantID: "default", Message: message, IdempotencyKey: key}
}

func TestResponsesStreamToolRound(t *testing.T) {
	h := newResponsesStreamHarness(t, openaitest.Options{})
	in := h.responsesStart("call: calculate {\"expression\":\"2+3\"}", "rstream-1")

	st, err := h.stream(activities.StreamRunInput{Start: &in})
	require.NoError(t, err)
	require.Equal(t, assistant.StatusRequiresAction, st.Status)
	require.Len(t, st.ToolCalls, 1)
	require.Equal(t, "calculate", st.ToolCalls[0].Name)
	require.Equal(t, in.ThreadID, st.ThreadID)

	outs := []assistant.ToolOutput{{ToolCallID: st.ToolCalls[0].ID, Output: "5"}}
	done, err := h.stream(activities.StreamRunInput{Submit: &activities.SubmitToolOutputsInput{
		ThreadID: st.ThreadID, APIRunID: st.APIRunID, Outputs: outs}})
	require.NoError(t, err)
	require.Equal(t, assistant.StatusCompleted, done.Status)
	require.NotEqual(t, st.APIRunID, done.APIRunID, "the submit streamed the run's next response")
	require.Equal(t, "Tool results: calculate -> 5", done.Reply.Text)
	require.Equal(t, done.Reply.Text, h.sink.text(), "the deltas add up to the reply")
	require.Equal(t, done.APIRunID, h.sink.deltas[0].APIRunID)
	require.Greater(t, done.Usage.TotalTokens, st.Usage.TotalTokens, "usage sums the run's responses")

	stats := h.srv.Stats()
	require.Equal(t, 1, stats.RunsCreated)
	require.Equal(t, 1, stats.ToolOutputSubmissions)
	require.Equal(t, 2, stats.ResponsesCreated)
	require.Equal(t, 1, stats.Requests[getResponseRoute], "no polls: one read of the previous response for the submit")
	require.Zero(t, stats.ResponseStreamsResumed)
}

func TestResponsesStreamCompletes(t *testing.T) {
	h := newResponsesStreamHarness(t, openaitest.Options{ModelLatency: 50 * time.Millisecond})
	in := h.responsesStart("hello streaming world", "rstream-2")
	st, err := h.stream(activities.StreamRunInput{Start: &in})
	require.NoError(t, err)
	require.Equal(t, assistant.StatusCompleted, st.Status)
	require.Equal(t, "Echo: hello streaming world", st.Reply.Text)
	require.Equal(t, st.Reply.Text, h.sink.text())
	require.Len(t, h.sink.deltas, 4)
	require.Equal(t, 1, h.srv.Stats().ResponsesCreated)
	require.Zero(t, h.srv.Stats().Requests[getResponseRoute])
}

// A cut stream resumes after the last event handled: one response, each
// delta delivered once, the heartbeat text continued.
func TestResponsesStreamCutResumesAfterLastEvent(t *testing.T) {
	h := newResponsesStreamHarness(t, openaitest.Options{})
	in := h.responsesStart("a reply long enough to be cut in the middle", "rstream-cut")
	// created, in_progress, output_item.added, content_part.added, then two deltas: cut there.
	app := h.faultyStart(in, openaitest.Fault{Method: "POST", Route: createResponseRoute, StreamCutAfter: 6})
	require.Equal(t, assistant.ErrorTypeStreamBroken, app.Type())
	require.False(t, app.NonRetryable())
	prog := h.retry()
	require.NotEmpty(t, prog.APIRunID)
	require.NotNil(t, prog.LastEvent)
	require.EqualValues(t, 5, *prog.LastEvent)
	require.Equal(t, "Echo: a ", prog.Text)

	st, err := h.stream(activities.StreamRunInput{Start: &in})
	require.NoError(t, err)
	require.Equal(t, assistant.StatusCompleted, st.Status)
	require.Equal(t, prog.APIRunID, st.APIRunID)
	require.Equal(t, "Echo: a reply long enough to be cut in the middle", st.Reply.Text)
	require.Equal(t, st.Reply.Text, h.sink.text(), "no delta twice, none lost")
	for i, d := range h.sink.deltas {
		require.Equal(t, i+1, d.Seq)
	}
	stats := h.srv.Stats()
	require.Equal(t, 1, stats.ResponsesCreated, "the retry re-attached")
	require.Equal(t, 1, stats.ResponseStreamsResumed)
	require.Equal(t, 1, stats.Requests[getResponseRoute], "the resume, no polls")
}

func TestResponsesStreamStallFiresWatchdogThenResumes(t *testing.T) {
	h := newResponsesStreamHarness(t, openaitest.Options{})
	in := h.responsesStart("stall then finish", "rstream-stall")
	began := time.Now()
	app := h.faultyStart(in, openaitest.Fault{Method: "POST", Route: createResponseRoute,
		StreamStall: 5 * time.Second, StreamStallAfter: 3})
	require.Equal(t, assistant.ErrorTypeStreamIdle, app.Type())
	require.Less(t, time.Since(began), 3*time.Second, "the watchdog, not the stall, ended it")
	require.EqualValues(t, 2, *h.retry().LastEvent)

	st, err := h.stream(activities.StreamRunInput{Start: &in})
	require.NoError(t, err)
	require.Equal(t, assistant.StatusCompleted, st.Status)
	require.Equal(t, "Echo: stall then finish", h.sink.text())
	stats := h.srv.Stats()
	require.Equal(t, 1, stats.ResponsesCreated)
	require.Equal(t, 1, stats.ResponseStreamsResumed)
}

// A submit cut after its response was created resumes that response's
// stream: the outputs are not submitted twice.
func TestResponsesStreamSubmitCutResumes(t *testing.T) {
	h := newResponsesStreamHarness(t, openaitest.Options{})
	in := h.responsesStart("call: calculate {\"expression\":\"1+1\"}", "rstream-sub")
	st, err := h.stream(activities.StreamRunInput{Start: &in})
	require.NoError(t, err)
	sub := &activities.SubmitToolOutputsInput{ThreadID: st.ThreadID, APIRunID: st.APIRunID,
		Outputs: []assistant.ToolOutput{{ToolCallID: st.ToolCalls[0].ID, Output: "2"}}}
	h.srv.InjectFault(openaitest.Fault{Method: "POST", Route: createResponseRoute, StreamCutAfter: 5})

	_, err = h.stream(activities.StreamRunInput{Submit: sub})
	require.Error(t, err)
	prog := h.retry()
	require.NotEqual(t, st.APIRunID, prog.APIRunID, "the details name the submit's response")
	done, err := h.stream(activities.StreamRunInput{Submit: sub})
	require.NoError(t, err)
	require.Equal(t, assistant.StatusCompleted, done.Status)
	require.Equal(t, prog.APIRunID, done.APIRunID)
	require.Equal(t, "Tool results: calculate -> 2", done.Reply.Text)
	require.Equal(t, done.Reply.Text, h.sink.text())
	stats := h.srv.Stats()
	require.Equal(t, 1, stats.ToolOutputSubmissions, "the retry did not submit again")
	require.Equal(t, 2, stats.ResponsesCreated)
}

// A response cancelled while streamed has no terminal event: the resumed
// stream ends without one and the run is read by polling.
func TestResponsesStreamCancelledSettlesByPolling(t *testing.T) {
	h := newResponsesStreamHarness(t, openaitest.Options{})
	in := h.responsesStart("think long\nsleep: 1h", "rstream-cancel")
	h.srv.InjectFault(openaitest.Fault{Method: "POST", Route: createResponseRoute, StreamCutAfter: 2})
	_, err := h.stream(activities.StreamRunInput{Start: &in})
	require.Error(t, err)
	prog := h.retry()
	_, err = h.client.Responses.Cancel(t.Context(), prog.APIRunID)
	require.NoError(t, err)

	st, err := h.stream(activities.StreamRunInput{Start: &in})
	require.NoError(t, err)
	require.Equal(t, assistant.StatusCancelled, st.Status)
	require.Equal(t, 1, h.srv.Stats().ResponsesCreated)
}
