package activities_test

import (
	"context"
	"testing"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/responses"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// A run whose start was cancelled before it named its response is cancelled
// by key. On the Responses protocol no response can be found by key, so the
// cancel waits until the turn running on the conversation has ended: the run
// never ends while a response it made still runs and locks the conversation.
func TestCancelRunByKeyOnResponsesWaitsForTheRunningTurn(t *testing.T) {
	h := newResponsesStreamHarness(t, openaitest.Options{})
	conv := h.thread()
	ctx := context.Background()
	newTurn := func(text string) (*responses.Response, error) { // a create whose answer the run lost
		return h.client.Responses.New(ctx, responses.ResponseNewParams{Model: "gpt-4o", Background: openai.Bool(true),
			Conversation: responses.ResponseNewParamsConversationUnion{OfString: openai.String(conv)},
			Input:        responses.ResponseNewParamsInputUnion{OfString: openai.String(text)}})
	}
	lost, err := newTurn("sleep: 1500ms\nhello")
	require.NoError(t, err)

	began := time.Now()
	var out assistant.RunState
	require.NoError(t, h.exec(&out, h.acts.CancelRun, activities.CancelRunInput{ThreadID: conv, IdempotencyKey: "wf/run"}))

	require.GreaterOrEqual(t, time.Since(began), time.Second, "the cancel waited for the turn")
	got, err := h.client.Responses.Get(ctx, lost.ID, responses.ResponseGetParams{})
	require.NoError(t, err)
	require.Equal(t, responses.ResponseStatusCompleted, got.Status, "nothing runs once the cancel returns")
	_, err = newTurn("next")
	require.NoError(t, err, "the conversation is not locked")

	// Nothing running: the cancel returns at once.
	time.Sleep(50 * time.Millisecond)
	began = time.Now()
	require.NoError(t, h.exec(&out, h.acts.CancelRun, activities.CancelRunInput{ThreadID: conv, IdempotencyKey: "wf/run"}))
	require.Less(t, time.Since(began), time.Second)
}
