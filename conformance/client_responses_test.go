package conformance_test

import (
	"context"
	"testing"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/conversations"
	"github.com/openai/openai-go/v3/responses"
	"github.com/openai/openai-go/v3/shared"
	"github.com/stretchr/testify/require"
)

// TestOpenAIGoResponsesFlow drives a background tool-calling response chain on
// a conversation with the official Go client.
func TestOpenAIGoResponsesFlow(t *testing.T) {
	chk, _, _, c := emulator(t)
	ctx := context.Background()
	conv, err := c.Conversations.New(ctx, conversations.ConversationNewParams{Metadata: shared.Metadata{"team": "a"}})
	require.NoError(t, err)
	tool := responses.ToolUnionParam{OfFunction: &responses.FunctionToolParam{Name: "get_weather",
		Parameters: map[string]any{"type": "object", "properties": map[string]any{"city": map[string]any{"type": "string"}},
			"required": []string{"city"}, "additionalProperties": false},
		Strict: openai.Bool(true), Description: openai.String("weather")}}
	first := userMessage("call: get_weather {\"city\":\"Oslo\"}")
	resp, err := c.Responses.New(ctx, responses.ResponseNewParams{Model: "gpt-4o", Background: openai.Bool(true), Store: openai.Bool(true),
		Conversation: responses.ResponseNewParamsConversationUnion{OfString: openai.String(conv.ID)},
		Input:        responses.ResponseNewParamsInputUnion{OfInputItemList: responses.ResponseInputParam{first}},
		Tools:        []responses.ToolUnionParam{tool}, Instructions: openai.String("Be brief."), Metadata: shared.Metadata{"k": "v"}})
	require.NoError(t, err)
	resp = pollResponse(t, c, resp.ID)
	require.Equal(t, responses.ResponseStatusCompleted, resp.Status)
	var callID string
	for _, it := range resp.Output {
		if it.Type == "function_call" {
			callID = it.CallID
		}
	}
	require.NotEmpty(t, callID)

	out := responses.ResponseInputItemParamOfFunctionCallOutput("sunny")
	out.OfFunctionCallOutput.CallID = openai.String(callID)
	next, err := c.Responses.New(ctx, responses.ResponseNewParams{Model: "gpt-4o", Background: openai.Bool(true), Store: openai.Bool(true),
		Conversation: responses.ResponseNewParamsConversationUnion{OfString: openai.String(conv.ID)},
		Input:        responses.ResponseNewParamsInputUnion{OfInputItemList: responses.ResponseInputParam{out}},
		Tools:        []responses.ToolUnionParam{tool}})
	require.NoError(t, err)
	next = pollResponse(t, c, next.ID)
	require.Equal(t, responses.ResponseStatusCompleted, next.Status)
	require.Equal(t, "Tool results: get_weather -> sunny", next.OutputText())

	_, err = c.Responses.InputItems.List(ctx, next.ID, responses.InputItemListParams{})
	require.NoError(t, err)
	items, err := c.Conversations.Items.List(ctx, conv.ID, conversations.ItemListParams{Order: conversations.ItemListParamsOrderDesc, Limit: openai.Int(20)})
	require.NoError(t, err)
	require.NotEmpty(t, items.Data)
	_, err = c.Conversations.Items.Get(ctx, conv.ID, items.Data[0].ID, conversations.ItemGetParams{})
	require.NoError(t, err)
	note, err := c.Conversations.Items.New(ctx, conv.ID, conversations.ItemNewParams{Items: []responses.ResponseInputItemUnionParam{userMessage("a note")}})
	require.NoError(t, err)
	_, err = c.Conversations.Items.Delete(ctx, conv.ID, note.Data[0].ID)
	require.NoError(t, err)
	_, err = c.Conversations.Items.Delete(ctx, conv.ID, note.Data[0].ID)
	require.Error(t, err)
	_, err = c.Conversations.Get(ctx, conv.ID)
	require.NoError(t, err)
	_, err = c.Conversations.Update(ctx, conv.ID, conversations.ConversationUpdateParams{Metadata: shared.Metadata{"team": "b"}})
	require.NoError(t, err)

	// Cancel a background response while the model works; errors.
	slow, err := c.Responses.New(ctx, responses.ResponseNewParams{Model: "gpt-4o", Background: openai.Bool(true),
		Input: responses.ResponseNewParamsInputUnion{OfString: openai.String("sleep: 1s\nslow")}})
	require.NoError(t, err)
	cancelled, err := c.Responses.Cancel(ctx, slow.ID)
	require.NoError(t, err)
	require.Equal(t, responses.ResponseStatusCancelled, cancelled.Status)
	_, err = c.Responses.Get(ctx, "resp_missing", responses.ResponseGetParams{})
	require.Error(t, err)
	_, err = c.Conversations.Get(ctx, "conv_missing")
	require.Error(t, err)
	require.NoError(t, c.Responses.Delete(ctx, next.ID))
	require.Error(t, c.Responses.Delete(ctx, next.ID))

	_, err = c.Conversations.Delete(ctx, conv.ID)
	require.NoError(t, err)
	require.Empty(t, chk.Violations())
}

// userMessage is an input message item, typed as the spec's union asks.
func userMessage(text string) responses.ResponseInputItemUnionParam {
	m := responses.ResponseInputItemParamOfMessage(text, responses.EasyInputMessageRoleUser)
	m.OfMessage.Type = responses.EasyInputMessageTypeMessage
	return m
}

// pollResponse reads the response until it leaves queued/in_progress.
func pollResponse(t *testing.T, c openai.Client, id string) *responses.Response {
	t.Helper()
	var resp *responses.Response
	require.Eventually(t, func() bool {
		var err error
		resp, err = c.Responses.Get(context.Background(), id, responses.ResponseGetParams{})
		require.NoError(t, err)
		return resp.Status != responses.ResponseStatusQueued && resp.Status != responses.ResponseStatusInProgress
	}, 10*time.Second, 2*time.Millisecond)
	return resp
}
