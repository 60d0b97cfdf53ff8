package activities_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/activities/assistantsapi"
	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/openaitest"
	"github.com/durable-assistants/durable-assistants/tools"
)

const createRunRoute = "/v1/threads/{thread_id}/runs"

// recordingSink keeps every delta it is given.
type recordingSink struct {
	mu     sync.Mutex
	deltas []activities.Delta
}

func (s *recordingSink) Delta(_ context.Context, d activities.Delta) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.deltas = append(s.deltas, d)
	return nil
}

func (s *recordingSink) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b strings.Builder
	for _, d := range s.deltas {
		b.WriteString(d.Text)
	}
	return b.String()
}

// streamHarness is the activity harness with a short stream watchdog, a
// recording sink, and the last heartbeat details kept, so a test can play an
// activity retry (SetHeartbeatDetails) the way Temporal would.
type streamHarness struct {
	*harness
	sink *recordingSink

	mu   sync.Mutex
	last *assistant.FollowProgress
}

func newStreamHarness(t *testing.T, opts openaitest.Options) *streamHarness {
	t.Helper()
	srv, url := openaitest.NewTestServer(t, opts)
	c := openai.NewClient(option.WithBaseURL(url), option.WithAPIKey("k"), option.WithMaxRetries(0))
	return newStreamHarnessOn(t, srv, c)
}

func newStreamHarnessOn(t *testing.T, srv *openaitest.Server, c openai.Client) *streamHarness {
	return newStreamHarnessWith(t, srv, c, func(*tools.Registry) activities.Backend { return assistantsapi.New(c) })
}

// newStreamHarnessWith is the stream harness over the backend that backend
// builds for the registry.
func newStreamHarnessWith(t *testing.T, srv *openaitest.Server, c openai.Client, backend func(*tools.Registry) activities.Backend) *streamHarness {
	reg := tools.NewRegistry()
	reg.MustRegister(tools.Examples()...)
	sink := &recordingSink{}
	acts := activities.New(backend(reg), reg, activities.Options{
		PollInitial: 10 * time.Millisecond, PollMax: 50 * time.Millisecond,
		StreamIdle: 300 * time.Millisecond, Sink: sink,
	})
	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestActivityEnvironment()
	env.RegisterActivity(acts)
	h := &streamHarness{harness: &harness{t: t, srv: srv, client: c, reg: reg, acts: acts, env: env}, sink: sink}
	env.SetOnActivityHeartbeatListener(func(_ *activity.Info, details converter.EncodedValues) {
		var p assistant.FollowProgress
		if details.HasValues() && details.Get(&p) == nil {
			h.mu.Lock()
			h.last = &p
			h.mu.Unlock()
		}
	})
	return h
}

// retry plays the next attempt: it hands the last heartbeat details over.
func (h *streamHarness) retry() assistant.FollowProgress {
	h.mu.Lock()
	defer h.mu.Unlock()
	require.NotNil(h.t, h.last, "the attempt heartbeated")
	h.env.SetHeartbeatDetails(*h.last)
	return *h.last
}

// faultyStart streams a start through one fault and returns the error it
// ended with (a Temporal application error).
func (h *streamHarness) faultyStart(in activities.StartRunInput, f openaitest.Fault) *temporal.ApplicationError {
	h.t.Helper()
	h.srv.InjectFault(f)
	_, err := h.stream(activities.StreamRunInput{Start: &in})
	return appError(h.t, err)
}

func (h *streamHarness) stream(in activities.StreamRunInput) (assistant.RunState, error) {
	var st assistant.RunState
	err := h.exec(&st, h.acts.StreamRun, in)
	return st, err
}

func TestStreamRunToolRoundEndToEnd(t *testing.T) {
	h := newStreamHarness(t, openaitest.Options{})
	in := h.startInput("call: calculate {\"expression\":\"2+3\"}", "stream-1")
	in.IncludeSteps = true // the run asked for its steps

	st, err := h.stream(activities.StreamRunInput{Start: &in})
	require.NoError(t, err)
	require.Equal(t, assistant.StatusRequiresAction, st.Status)
	require.Len(t, st.ToolCalls, 1)
	require.Equal(t, "calculate", st.ToolCalls[0].Name)
	// The stream's step events are the run's steps: no request lists them.
	require.Len(t, st.Steps, 1)
	require.Equal(t, "tool_calls", st.Steps[0].Type)
	require.Equal(t, st.ToolCalls[0].ID, st.Steps[0].ToolCalls[0].ID)

	outs := []assistant.ToolOutput{{ToolCallID: st.ToolCalls[0].ID, Output: "5"}}
	done, err := h.stream(activities.StreamRunInput{Submit: &activities.SubmitToolOutputsInput{
		ThreadID: st.ThreadID, APIRunID: st.APIRunID, Outputs: outs, IncludeSteps: true}})
	require.NoError(t, err)
	require.Equal(t, assistant.StatusCompleted, done.Status)
	require.NotNil(t, done.Reply)
	require.Equal(t, "Tool results: calculate -> 5", done.Reply.Text)
	require.Len(t, done.Steps, 1)
	require.Equal(t, "message_creation", done.Steps[0].Type)
	require.Equal(t, "completed", done.Steps[0].Status)
	require.Equal(t, done.Reply.Text, h.sink.text(), "the deltas add up to the message")
	require.Equal(t, st.APIRunID, h.sink.deltas[0].APIRunID)
	require.Equal(t, 1, h.sink.deltas[0].Seq)

	stats := h.srv.Stats()
	require.Equal(t, 1, stats.RunsCreated)
	require.Equal(t, 1, stats.ToolOutputSubmissions)
	require.Zero(t, stats.Requests[getRunRoute], "stream mode never polls")
	require.Zero(t, stats.Requests["GET /v1/threads/{thread_id}/messages"], "the reply came with the stream")
}

func TestStreamRunCutMidMessageReattaches(t *testing.T) {
	h := newStreamHarness(t, openaitest.Options{})
	in := h.startInput("a reply long enough to be cut in the middle", "stream-cut")
	// created, queued, in_progress, step.created, message.created,
	// message.in_progress, then two deltas: cut there.
	app := h.faultyStart(in, openaitest.Fault{Method: "POST", Route: createRunRoute, StreamCutAfter: 8})
	require.Equal(t, assistant.ErrorTypeStreamBroken, app.Type())
	require.False(t, app.NonRetryable())
	prog := h.retry()
	require.NotEmpty(t, prog.APIRunID)
	require.Equal(t, "Echo: a ", prog.Text)

	st, err := h.stream(activities.StreamRunInput{Start: &in})
	require.NoError(t, err)
	require.Equal(t, assistant.StatusCompleted, st.Status)
	require.Equal(t, prog.APIRunID, st.APIRunID)
	require.Equal(t, "Echo: a reply long enough to be cut in the middle", st.Reply.Text)
	require.Equal(t, 1, h.srv.Stats().RunsCreated, "the retry re-attached")
}

func TestStreamRunRetryWithoutRunIDFindsItByKey(t *testing.T) {
	h := newStreamHarness(t, openaitest.Options{})
	in := h.startInput("hello", "stream-key")
	h.srv.InjectFault(openaitest.Fault{Method: "POST", Route: createRunRoute, StreamCutAfter: 3})
	_, err := h.stream(activities.StreamRunInput{Start: &in})
	require.Error(t, err)
	h.env.SetHeartbeatDetails(assistant.FollowProgress{}) // the crash lost the run ID

	st, err := h.stream(activities.StreamRunInput{Start: &in})
	require.NoError(t, err)
	require.Equal(t, assistant.StatusCompleted, st.Status)
	require.Equal(t, 1, h.srv.Stats().RunsCreated)
}

func TestStreamRunStallFiresWatchdog(t *testing.T) {
	h := newStreamHarness(t, openaitest.Options{})
	in := h.startInput("stall then finish", "stream-stall")
	began := time.Now()
	app := h.faultyStart(in, openaitest.Fault{Method: "POST", Route: createRunRoute,
		StreamStall: 5 * time.Second, StreamStallAfter: 3})
	require.Equal(t, assistant.ErrorTypeStreamIdle, app.Type())
	require.Less(t, time.Since(began), 3*time.Second, "the watchdog, not the stall, ended it")
	h.retry()

	st, err := h.stream(activities.StreamRunInput{Start: &in})
	require.NoError(t, err)
	require.Equal(t, assistant.StatusCompleted, st.Status)
	require.Equal(t, 1, h.srv.Stats().RunsCreated)
}

func TestStreamSubmitCutReattaches(t *testing.T) {
	h := newStreamHarness(t, openaitest.Options{})
	in := h.startInput("call: calculate {\"expression\":\"1+1\"}", "stream-sub")
	st, err := h.stream(activities.StreamRunInput{Start: &in})
	require.NoError(t, err)
	sub := &activities.SubmitToolOutputsInput{ThreadID: st.ThreadID, APIRunID: st.APIRunID,
		Outputs: []assistant.ToolOutput{{ToolCallID: st.ToolCalls[0].ID, Output: "2"}}}
	h.srv.InjectFault(openaitest.Fault{Method: "POST", Route: createRunRoute + "/{run_id}/submit_tool_outputs", StreamCutAfter: 2})

	_, err = h.stream(activities.StreamRunInput{Submit: sub})
	require.Error(t, err)
	h.retry()
	done, err := h.stream(activities.StreamRunInput{Submit: sub})
	require.NoError(t, err)
	require.Equal(t, assistant.StatusCompleted, done.Status)
	require.Equal(t, 1, h.srv.Stats().ToolOutputSubmissions, "the retry did not submit again")
}
