package assistantsapi

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/activities"
)

// Changing a run's metadata keeps the engine's idempotency key on it (by
// which a retried start or a cancel finds the run), and a message is found
// after an anchor by its key only.
func TestUpdateRunKeepsTheKeyAndFindMessageByKey(t *testing.T) {
	b, c, _ := newTestBackend(t)
	ctx := context.Background()
	a, err := c.Beta.Assistants.New(ctx, openai.BetaAssistantNewParams{Model: "gpt-4o"})
	require.NoError(t, err)
	st, err := b.CreateThreadAndRun(ctx, activities.StartRunInput{AssistantID: a.ID, Message: "hi"}, "wf/k")
	require.NoError(t, err)

	r, err := b.UpdateRun(ctx, st.ThreadID, st.APIRunID, map[string]string{"team": "b"})
	require.NoError(t, err)
	require.Equal(t, map[string]string{"team": "b", activities.MetadataKeyIdempotency: "wf/k"}, r.Metadata)

	anchor, err := b.NewestMessageID(ctx, st.ThreadID)
	require.NoError(t, err)
	require.NotEmpty(t, anchor)
	require.Eventually(t, func() bool { got, _ := b.GetRun(ctx, st.ThreadID, st.APIRunID); return got.Status.Terminal() }, 5*time.Second, 5*time.Millisecond)
	m, err := b.CreateMessage(ctx, st.ThreadID, activities.NewMessage{Role: "user", Text: "same", Key: "wf/m"})
	require.NoError(t, err)
	_, err = b.CreateMessage(ctx, st.ThreadID, activities.NewMessage{Role: "user", Text: "same", Key: "wf/other"})
	require.NoError(t, err)
	found, ok, err := b.FindMessage(ctx, st.ThreadID, anchor, activities.NewMessage{Role: "user", Text: "same", Key: "wf/m"})
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, m.ID, found.ID)
	_, ok, err = b.FindMessage(ctx, st.ThreadID, anchor, activities.NewMessage{Role: "user", Text: "same", Key: "wf/none"})
	require.NoError(t, err)
	require.False(t, ok)
}

// A message refused because a run is active waits (ErrRunActive); another
// 400 does not.
func TestActiveRunMessageIsErrRunActive(t *testing.T) {
	busy := &openai.Error{StatusCode: http.StatusBadRequest, Message: "Can't add messages to thread_1 while a run run_2 is active."}
	require.ErrorIs(t, activeRunMessage(busy), activities.ErrRunActive)
	other := &openai.Error{StatusCode: http.StatusBadRequest, Message: "Invalid 'content'"}
	require.False(t, errors.Is(activeRunMessage(other), activities.ErrRunActive))
}
