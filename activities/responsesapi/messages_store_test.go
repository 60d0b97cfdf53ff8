package responsesapi

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// A message is a conversation item: added, read back, and found by a retry
// only after the anchor, so an equal message sent before it is never taken
// for the one the create made.
func TestMessagesAreConversationItems(t *testing.T) {
	b, _ := newResponsesBackend(t)
	ctx := context.Background()
	th, err := b.NewThread(ctx, map[string]string{"team": "a"})
	require.NoError(t, err)
	require.Equal(t, "a", th.Metadata["team"])
	yes := activities.NewMessage{Role: "user", Text: "yes", Key: "wf/1"}
	before, err := b.CreateMessage(ctx, th.ID, yes)
	require.NoError(t, err)
	anchor, err := b.NewestMessageID(ctx, th.ID)
	require.NoError(t, err)
	require.Equal(t, before.ID, anchor)

	_, ok, err := b.FindMessage(ctx, th.ID, anchor, yes)
	require.NoError(t, err)
	require.False(t, ok, "the earlier equal message is before the anchor")
	after, err := b.CreateMessage(ctx, th.ID, yes)
	require.NoError(t, err)
	found, ok, err := b.FindMessage(ctx, th.ID, anchor, yes)
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, after.ID, found.ID)

	got, err := b.GetMessage(ctx, th.ID, after.ID)
	require.NoError(t, err)
	require.Equal(t, assistant.ThreadMessage{ID: after.ID, Role: "user", Text: "yes"}, got)
}

// What the Conversations and Responses APIs cannot do is refused before
// any request, saying why: metadata on an item, changing an item or a
// response's metadata; a user message is not a run step.
func TestMessageAndRunRefusals(t *testing.T) {
	b, srv := newResponsesBackend(t)
	ctx := context.Background()
	th, err := b.NewThread(ctx, nil)
	require.NoError(t, err)
	before := srv.Stats().Requests
	_, err = b.CreateMessage(ctx, th.ID, activities.NewMessage{Role: "user", Text: "x", Metadata: map[string]string{"k": "v"}})
	require.ErrorContains(t, err, "conversation items keep no metadata")
	_, err = b.UpdateMessage(ctx, th.ID, "msg_1", nil)
	require.ErrorContains(t, err, "cannot change an item")
	_, err = b.UpdateRun(ctx, th.ID, "resp_1", nil)
	require.ErrorContains(t, err, "cannot change a response's metadata")
	require.Equal(t, before, srv.Stats().Requests, "no request")

	m, err := b.CreateMessage(ctx, th.ID, activities.NewMessage{Role: "user", Text: "x"})
	require.NoError(t, err)
	_, err = b.GetRunStep(ctx, th.ID, "resp_1", m.ID)
	require.ErrorContains(t, err, "is a user message, not a run step")
}
