package activities_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// A message_create whose answer was lost after the API added the message:
// the retry finds it after the anchor (by its key on the assistants
// protocol, its role and text on the responses one) and adds no second.
func TestMessageCreateLostAnswerAddsOneMessage(t *testing.T) {
	for _, tc := range []struct {
		name  string
		h     func(t *testing.T) *streamHarness
		route string
	}{
		{"assistants", func(t *testing.T) *streamHarness { return newStreamHarness(t, openaitest.Options{}) }, "/v1/threads/{thread_id}/messages"},
		{"responses", func(t *testing.T) *streamHarness { return newResponsesStreamHarness(t, openaitest.Options{}) }, "/v1/conversations/{conversation_id}/items"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := tc.h(t)
			th := h.thread()
			var anchor string
			require.NoError(t, h.exec(&anchor, h.acts.NewestMessage, activities.NewestMessageInput{ThreadID: th}))
			in := assistant.ThreadsInput{Op: assistant.OpMessageCreate, ThreadID: th, Role: "user", Text: "yes",
				IdempotencyKey: "wf/m", Anchor: anchor}
			h.srv.InjectFault(openaitest.Fault{Method: "POST", Route: tc.route, AfterCommit: true, Drop: true})

			res, err := withRetries[assistant.ThreadsResult](t, h.acts, 3, h.acts.ManageThreads, in)

			require.NoError(t, err)
			require.Equal(t, "yes", res.Message.Text)
			require.Equal(t, 1, h.srv.Stats().Requests["POST "+tc.route], "the retry found the message and did not post again")
			require.Equal(t, 1, h.srv.Stats().UserMessagesCreated, "the retry found it")
			var list assistant.ThreadsResult
			require.NoError(t, h.exec(&list, h.acts.ManageThreads, assistant.ThreadsInput{Op: assistant.OpThreadMessages, ThreadID: th}))
			require.Len(t, list.Messages, 1)
			require.Equal(t, res.Message.ID, list.Messages[0].ID)
		})
	}
}

// A message added while a run holds the thread waits for it (ThreadBusy,
// retried), instead of failing the call as a bad request.
func TestMessageCreateWhileARunIsActiveWaits(t *testing.T) {
	h := newStreamHarness(t, openaitest.Options{})
	in := h.startInput("sleep: 1s\nhello", "busy")
	h.start(in)
	err := h.exec(nil, h.acts.ManageThreads, assistant.ThreadsInput{Op: assistant.OpMessageCreate, ThreadID: in.ThreadID,
		Role: "user", Text: "more", IdempotencyKey: "wf/busy"})
	app := appError(t, err)
	require.Equal(t, assistant.ErrorTypeThreadBusy, app.Type())
	require.False(t, app.NonRetryable())
}

// Standalone thread create tags the thread with the workflow's key; a read
// leaves the engine's key out of a message's metadata.
func TestThreadCreateIsTaggedWithTheKey(t *testing.T) {
	h := newStreamHarness(t, openaitest.Options{})
	var res assistant.ThreadsResult
	require.NoError(t, h.exec(&res, h.acts.ManageThreads, assistant.ThreadsInput{Op: assistant.OpThreadCreate,
		Metadata: map[string]string{"team": "a"}, IdempotencyKey: "wf/t"}))
	require.Equal(t, map[string]string{"team": "a", activities.MetadataKeyIdempotency: "wf/t"}, res.Thread.Metadata)
	require.NoError(t, h.exec(&res, h.acts.ManageThreads, assistant.ThreadsInput{Op: assistant.OpMessageCreate, ThreadID: res.Thread.ID,
		Role: "user", Text: "hi", Metadata: map[string]string{"k": "v"}, IdempotencyKey: "wf/m"}))
	require.Equal(t, map[string]string{"k": "v"}, res.Message.Metadata)
	err := h.exec(nil, h.acts.ManageThreads, assistant.ThreadsInput{Op: assistant.OpThreadCreate})
	require.Contains(t, appError(t, err).Error(), "idempotency key is empty")
}
