package assistantsapi

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

func newTestBackend(t *testing.T) (*Backend, openai.Client, *openaitest.Server) {
	t.Helper()
	srv, url := openaitest.NewTestServer(t, openaitest.Options{ModelLatency: time.Millisecond})
	c := openai.NewClient(option.WithBaseURL(url), option.WithAPIKey("k"), option.WithMaxRetries(0))
	return New(c), c, srv
}

// POST /threads/runs carries what a create-run would, in its own shape: the
// overrides' messages then the run's on the thread (it has no
// additional_messages), the key in the metadata of both thread and run.
func TestThreadAndRunParams(t *testing.T) {
	temp, replaced := 0.2, "Be terse."
	in := activities.StartRunInput{AssistantID: "asst_1", Message: "hello", Metadata: map[string]string{"team": "a"},
		Overrides: &assistant.RunOverrides{Model: "gpt-4o-mini", Instructions: &replaced, Temperature: &temp,
			AdditionalMessages: []assistant.Message{{Role: "assistant", Content: "earlier"}},
			TruncationStrategy: &assistant.TruncationStrategy{Type: assistant.TruncationLastMessages, LastMessages: 3}}}
	raw, err := json.Marshal(threadAndRunParams(in, "wf/1"))
	require.NoError(t, err)
	var got map[string]any
	require.NoError(t, json.Unmarshal(raw, &got))
	require.Equal(t, "gpt-4o-mini", got["model"])
	require.Equal(t, "Be terse.", got["instructions"])
	require.Equal(t, 0.2, got["temperature"])
	require.Equal(t, map[string]any{"team": "a", activities.MetadataKeyIdempotency: "wf/1"}, got["metadata"])
	require.Equal(t, map[string]any{"type": "last_messages", "last_messages": 3.0}, got["truncation_strategy"])
	thread := got["thread"].(map[string]any)
	require.Equal(t, map[string]any{activities.MetadataKeyIdempotency: "wf/1"}, thread["metadata"])
	require.Equal(t, []any{
		map[string]any{"role": "assistant", "content": "earlier"},
		map[string]any{"role": "user", "content": "hello"},
	}, thread["messages"])
	require.NotContains(t, got, "additional_messages")
	require.NotContains(t, got, "additional_instructions")
}

// A run created on a thread that holds its messages already (a
// create-thread-and-run that lost its run) sends none.
func TestRunParamsWithMessagesOnThread(t *testing.T) {
	in := activities.StartRunInput{ThreadID: "thread_1", AssistantID: "asst_1", Message: "hello", MessagesOnThread: true,
		Overrides: &assistant.RunOverrides{AdditionalMessages: []assistant.Message{{Role: "user", Content: "x"}}}}
	require.Empty(t, runParams(in, "k").AdditionalMessages)
}

// A create-thread-and-run stream's first event names the thread.
func TestThreadCreatedEventNamesTheThread(t *testing.T) {
	b, c, _ := newTestBackend(t)
	a, err := c.Beta.Assistants.New(context.Background(), openai.BetaAssistantNewParams{Model: "gpt-4o"})
	require.NoError(t, err)
	var events []activities.StreamEvent
	err = b.StreamThreadAndRun(context.Background(), activities.StartRunInput{AssistantID: a.ID, Message: "hi"}, "wf/s",
		func(ev activities.StreamEvent) error { events = append(events, ev); return nil })
	require.NoError(t, err)
	require.Regexp(t, `^thread_`, events[0].ThreadID)
	require.NotNil(t, events[1].Run)
	require.Equal(t, events[0].ThreadID, events[1].Run.ThreadID)
}
