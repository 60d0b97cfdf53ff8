package openaitest_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/openaitest"
)

// collect reads a stream to its end with the official client.
func collect(t *testing.T, s interface {
	Next() bool
	Current() openai.AssistantStreamEventUnion
	Err() error
}) (names []string, evs []openai.AssistantStreamEventUnion, err error) {
	t.Helper()
	for s.Next() {
		names = append(names, s.Current().Event)
		evs = append(evs, s.Current())
	}
	return names, evs, s.Err()
}

func streamRun(c openai.Client, threadID, asstID, text string) interface {
	Next() bool
	Current() openai.AssistantStreamEventUnion
	Err() error
} {
	return c.Beta.Threads.Runs.NewStreaming(context.Background(), threadID, openai.BetaThreadRunNewParams{
		AssistantID: asstID, AdditionalMessages: []openai.BetaThreadRunNewParamsAdditionalMessage{userMsg(text)}})
}

func newThread(t *testing.T, c openai.Client) string {
	t.Helper()
	th, err := c.Beta.Threads.New(context.Background(), openai.BetaThreadNewParams{})
	require.NoError(t, err)
	return th.ID
}

func TestStreamRunCompletesWithDeltas(t *testing.T) {
	srv, c := start(t, openaitest.Options{})
	a := newAssistant(t, c)
	th := newThread(t, c)
	names, evs, err := collect(t, streamRun(c, th, a.ID, "hello streaming world"))
	require.NoError(t, err)
	require.Equal(t, []string{"thread.run.created", "thread.run.queued", "thread.run.in_progress",
		"thread.run.step.created", "thread.message.created", "thread.message.in_progress",
		"thread.message.delta", "thread.message.delta", "thread.message.delta", "thread.message.delta",
		"thread.message.completed", "thread.run.step.completed", "thread.run.completed"}, names)
	var text strings.Builder
	for _, e := range evs {
		if e.Event == "thread.message.delta" {
			d := e.AsThreadMessageDelta().Data
			require.Equal(t, "thread.message.delta", string(d.Object))
			text.WriteString(d.Delta.Content[0].Text.Value)
		}
	}
	require.Equal(t, "Echo: hello streaming world", text.String())
	done := evs[len(evs)-1].AsThreadRunCompleted().Data
	require.Equal(t, openai.RunStatusCompleted, done.Status)
	msg := evs[len(evs)-3].AsThreadMessageCompleted().Data
	require.Equal(t, text.String(), msg.Content[0].Text.Value)
	st := srv.Stats()
	require.Equal(t, 1, st.RunsCreated)
	require.Equal(t, 1, st.Requests["POST /v1/threads/{thread_id}/runs"])
}

func TestStreamRequiresActionThenSubmitStream(t *testing.T) {
	srv, c := start(t, openaitest.Options{})
	a := newAssistant(t, c)
	th := newThread(t, c)
	names, evs, err := collect(t, streamRun(c, th, a.ID, `call: get_weather {"city":"Paris"}`))
	require.NoError(t, err)
	require.Equal(t, "thread.run.requires_action", names[len(names)-1])
	run := evs[len(evs)-1].AsThreadRunRequiresAction().Data
	calls := run.RequiredAction.SubmitToolOutputs.ToolCalls
	require.Len(t, calls, 1)
	sub := c.Beta.Threads.Runs.SubmitToolOutputsStreaming(context.Background(), th, run.ID,
		openai.BetaThreadRunSubmitToolOutputsParams{ToolOutputs: []openai.BetaThreadRunSubmitToolOutputsParamsToolOutput{
			{ToolCallID: openai.String(calls[0].ID), Output: openai.String("sunny")}}})
	names, _, err = collect(t, sub)
	require.NoError(t, err)
	require.Equal(t, "thread.run.queued", names[0])
	require.Equal(t, "thread.run.completed", names[len(names)-1])
	st := srv.Stats()
	require.Equal(t, 1, st.RunsCreated)
	require.Equal(t, 1, st.ToolOutputSubmissions)
}

func TestStreamFaultCutAndStall(t *testing.T) {
	srv, c := start(t, openaitest.Options{})
	a := newAssistant(t, c)
	srv.InjectFault(openaitest.Fault{Method: "POST", Route: "/v1/threads/{thread_id}/runs", StreamCutAfter: 7})
	names, _, err := collect(t, streamRun(c, newThread(t, c), a.ID, "cut me short please"))
	require.Error(t, err)
	require.Len(t, names, 7)
	require.Equal(t, 1, srv.Stats().RunsCreated, "the run exists though its stream was cut")

	srv.InjectFault(openaitest.Fault{Method: "POST", Route: "/v1/threads/{thread_id}/runs",
		StreamStall: 300 * time.Millisecond, StreamStallAfter: 2})
	began := time.Now()
	names, _, err = collect(t, streamRun(c, newThread(t, c), a.ID, "stall"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, time.Since(began), 300*time.Millisecond)
	require.Equal(t, "thread.run.completed", names[len(names)-1])
}

// A run that moves from queued to completed between two looks of the stream
// still streams in_progress before its reply (the events of every move it
// made, in order); the reply's events used to replace it.
func TestStreamRunJumpingQueuedToCompletedKeepsInProgress(t *testing.T) {
	var mu sync.Mutex
	now := time.Now()
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	_, c := start(t, openaitest.Options{Now: clock, ModelLatency: time.Second})
	a := newAssistant(t, c)
	s := streamRun(c, newThread(t, c), a.ID, "one jump")
	var names []string
	for s.Next() {
		names = append(names, s.Current().Event)
		if s.Current().Event == "thread.run.queued" { // the stream saw it queued: jump past its answer
			mu.Lock()
			now = now.Add(2 * time.Second)
			mu.Unlock()
		}
	}
	require.NoError(t, s.Err())
	require.Equal(t, []string{"thread.run.created", "thread.run.queued", "thread.run.in_progress",
		"thread.run.step.created"}, names[:4])
	require.Equal(t, "thread.run.completed", names[len(names)-1])
}
