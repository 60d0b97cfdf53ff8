package openaitest_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/conversations"
	"github.com/openai/openai-go/v3/responses"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/openaitest"
)

func TestDeleteMessage(t *testing.T) {
	_, c := start(t, openaitest.Options{})
	ctx := context.Background()
	a := newAssistant(t, c)
	run := await(t, c, startRun(t, c, a.ID, "hi"))
	msgs, err := c.Beta.Threads.Messages.List(ctx, run.ThreadID, openai.BetaThreadMessageListParams{})
	require.NoError(t, err)
	require.Len(t, msgs.Data, 2)
	reply, asked := msgs.Data[0], msgs.Data[1] // newest first

	_, err = c.Beta.Threads.Messages.New(ctx, run.ThreadID, openai.BetaThreadMessageNewParams{Role: "user",
		Content: openai.BetaThreadMessageNewParamsContentUnion{OfString: openai.String("again")}})
	require.NoError(t, err)
	del, err := c.Beta.Threads.Messages.Delete(ctx, run.ThreadID, asked.ID)
	require.NoError(t, err)
	require.Equal(t, asked.ID, del.ID)
	require.True(t, del.Deleted)
	require.Equal(t, "thread.message.deleted", string(del.Object))
	_, err = c.Beta.Threads.Messages.Get(ctx, run.ThreadID, asked.ID)
	apiError(t, err, http.StatusNotFound)
	_, err = c.Beta.Threads.Messages.Delete(ctx, run.ThreadID, asked.ID)
	require.Equal(t, "No message found with id '"+asked.ID+"'.", apiError(t, err, http.StatusNotFound).Message)
	_, err = c.Beta.Threads.Messages.Delete(ctx, "thread_x", reply.ID)
	require.Equal(t, "No thread found with id 'thread_x'.", apiError(t, err, http.StatusNotFound).Message)

	// With the read messages gone, the next run still reads the unread one.
	_, err = c.Beta.Threads.Messages.Delete(ctx, run.ThreadID, reply.ID)
	require.NoError(t, err)
	run2, err := c.Beta.Threads.Runs.New(ctx, run.ThreadID, openai.BetaThreadRunNewParams{AssistantID: a.ID})
	require.NoError(t, err)
	await(t, c, run2)
	msgs, err = c.Beta.Threads.Messages.List(ctx, run.ThreadID, openai.BetaThreadMessageListParams{})
	require.NoError(t, err)
	require.Len(t, msgs.Data, 2)
	require.Equal(t, "Echo: again", msgs.Data[0].Content[0].Text.Value)
}

func TestDeleteMessageRefusedDuringRun(t *testing.T) {
	_, c := start(t, openaitest.Options{})
	ctx := context.Background()
	a := newAssistant(t, c)
	run := await(t, c, startRun(t, c, a.ID, "call: get_weather {}"))
	require.Equal(t, openai.RunStatusRequiresAction, run.Status)
	msgs, err := c.Beta.Threads.Messages.List(ctx, run.ThreadID, openai.BetaThreadMessageListParams{})
	require.NoError(t, err)

	_, err = c.Beta.Threads.Messages.Delete(ctx, run.ThreadID, msgs.Data[0].ID)
	require.Contains(t, apiError(t, err, http.StatusBadRequest).Message, run.ID)
	_, err = c.Beta.Threads.Runs.Cancel(ctx, run.ThreadID, run.ID)
	require.NoError(t, err)
	_, err = c.Beta.Threads.Messages.Delete(ctx, run.ThreadID, msgs.Data[0].ID)
	require.NoError(t, err)
}

// runningResponse starts a response on a fresh conversation, on an emulator
// whose clock moves only when told.
func runningResponse(t *testing.T) (*fakeClock, openai.Client, *conversations.Conversation, *responses.Response) {
	t.Helper()
	clock := newFakeClock()
	_, c := start(t, openaitest.Options{Now: clock.Now})
	conv, err := c.Conversations.New(context.Background(), conversations.ConversationNewParams{})
	require.NoError(t, err)
	resp, err := c.Responses.New(context.Background(), newResponse(conv.ID, "hi"))
	require.NoError(t, err)
	return clock, c, conv, resp
}

func TestDeleteConversationItem(t *testing.T) {
	clock, c, conv, resp := runningResponse(t)
	ctx := context.Background()
	items, err := c.Conversations.Items.List(ctx, conv.ID, conversations.ItemListParams{})
	require.NoError(t, err)
	asked := items.Data[0].ID

	// A running response locks the conversation against deletions too.
	_, err = c.Conversations.Items.Delete(ctx, conv.ID, asked)
	require.Equal(t, "conversation_locked", apiError(t, err, http.StatusBadRequest).Code)
	clock.Advance(time.Second)
	resp, err = c.Responses.Get(ctx, resp.ID, responses.ResponseGetParams{})
	require.NoError(t, err)
	require.Equal(t, responses.ResponseStatusCompleted, resp.Status)

	got, err := c.Conversations.Items.Delete(ctx, conv.ID, asked)
	require.NoError(t, err)
	require.Equal(t, conv.ID, got.ID)
	require.Equal(t, "conversation", string(got.Object))
	_, err = c.Conversations.Items.Get(ctx, conv.ID, asked, conversations.ItemGetParams{})
	apiError(t, err, http.StatusNotFound)
	items, err = c.Conversations.Items.List(ctx, conv.ID, conversations.ItemListParams{})
	require.NoError(t, err)
	require.Len(t, items.Data, 1)
	require.Equal(t, resp.Output[0].ID, items.Data[0].ID)

	_, err = c.Conversations.Items.Delete(ctx, conv.ID, asked)
	require.Equal(t, "No item found with id '"+asked+"'.", apiError(t, err, http.StatusNotFound).Message)
	_, err = c.Conversations.Items.Delete(ctx, "conv_x", asked)
	require.Equal(t, "No conversation found with id 'conv_x'.", apiError(t, err, http.StatusNotFound).Message)
}

func TestDeleteResponse(t *testing.T) {
	clock, c, conv, resp := runningResponse(t)
	ctx := context.Background()

	// Deleting is not cancelling: a running response still answers on its
	// conversation, whose items outlive the response.
	require.NoError(t, c.Responses.Delete(ctx, resp.ID))
	_, err := c.Responses.Get(ctx, resp.ID, responses.ResponseGetParams{})
	apiError(t, err, http.StatusNotFound)
	_, err = c.Responses.InputItems.List(ctx, resp.ID, responses.InputItemListParams{})
	apiError(t, err, http.StatusNotFound)
	clock.Advance(time.Second)
	items, err := c.Conversations.Items.List(ctx, conv.ID, conversations.ItemListParams{})
	require.NoError(t, err)
	require.Len(t, items.Data, 2)

	err = c.Responses.Delete(ctx, resp.ID)
	require.Equal(t, "No response found with id '"+resp.ID+"'.", apiError(t, err, http.StatusNotFound).Message)
}
