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

// newResponse starts a background response with text as its input.
func newResponse(conv, text string) responses.ResponseNewParams {
	p := responses.ResponseNewParams{Model: "gpt-4o", Background: openai.Bool(true),
		Input: responses.ResponseNewParamsInputUnion{OfString: openai.String(text)}}
	if conv != "" {
		p.Conversation.OfString = openai.String(conv)
	}
	return p
}

func TestResponsesToolRoundTrip(t *testing.T) {
	clock := newFakeClock()
	srv, c := start(t, openaitest.Options{Now: clock.Now})
	ctx := context.Background()
	conv, err := c.Conversations.New(ctx, conversations.ConversationNewParams{})
	require.NoError(t, err)

	resp, err := c.Responses.New(ctx, newResponse(conv.ID, "weather?\ncall: get_weather {\"city\":\"Oslo\"}"))
	require.NoError(t, err)
	require.Equal(t, responses.ResponseStatusQueued, resp.Status)
	require.Equal(t, conv.ID, resp.Conversation.ID)

	// A second response while the first runs: conversation_locked.
	_, err = c.Responses.New(ctx, newResponse(conv.ID, "hi"))
	require.Equal(t, "conversation_locked", apiError(t, err, http.StatusBadRequest).Code)

	clock.Advance(time.Second)
	resp, err = c.Responses.Get(ctx, resp.ID, responses.ResponseGetParams{})
	require.NoError(t, err)
	require.Equal(t, responses.ResponseStatusCompleted, resp.Status)
	require.Len(t, resp.Output, 1)
	call := resp.Output[0]
	require.Equal(t, "function_call", call.Type)
	require.Equal(t, "get_weather", call.Name)

	out := responses.ResponseInputItemParamOfFunctionCallOutput("sunny")
	out.OfFunctionCallOutput.CallID = openai.String(call.CallID)
	p := newResponse(conv.ID, "")
	p.Input = responses.ResponseNewParamsInputUnion{OfInputItemList: responses.ResponseInputParam{out}}
	next, err := c.Responses.New(ctx, p)
	require.NoError(t, err)
	clock.Advance(time.Second)
	next, err = c.Responses.Get(ctx, next.ID, responses.ResponseGetParams{})
	require.NoError(t, err)
	require.Equal(t, "Tool results: get_weather -> sunny", next.OutputText())
	require.Positive(t, next.Usage.TotalTokens)

	// The same output again answers no pending call.
	_, err = c.Responses.New(ctx, p)
	apiError(t, err, http.StatusBadRequest)

	items, err := c.Conversations.Items.List(ctx, conv.ID, conversations.ItemListParams{Order: conversations.ItemListParamsOrderAsc})
	require.NoError(t, err)
	var types []string
	for _, it := range items.Data {
		types = append(types, it.Type)
	}
	require.Equal(t, []string{"message", "function_call", "function_call_output", "message"}, types)

	st := srv.Stats()
	require.Equal(t, 1, st.ConversationsCreated)
	require.Equal(t, 1, st.ThreadsCreated)
	require.Equal(t, 2, st.ResponsesCreated)
	require.Equal(t, 1, st.RunsCreated)
	require.Equal(t, 1, st.ToolOutputSubmissions)
	require.Equal(t, 1, st.FunctionCallOutputsSubmitted)
}

func TestResponsesRules(t *testing.T) {
	_, c := start(t, openaitest.Options{})
	ctx := context.Background()

	_, err := c.Responses.New(ctx, newResponse("conv_nope", "hi"))
	require.Contains(t, apiError(t, err, http.StatusNotFound).Message, "conv_nope")

	p := newResponse("", "hi")
	p.Store = openai.Bool(false)
	_, err = c.Responses.New(ctx, p)
	require.Equal(t, "background", apiError(t, err, http.StatusBadRequest).Param)

	_, err = c.Responses.Get(ctx, "resp_nope", responses.ResponseGetParams{})
	apiError(t, err, http.StatusNotFound)

	// A refused stream=true create answers the error, not an event stream.
	stream := c.Responses.NewStreaming(ctx, newResponse("conv_nope", "hi"))
	require.False(t, stream.Next())
	apiError(t, stream.Err(), http.StatusNotFound)
}

func TestResponsesCancel(t *testing.T) {
	clock := newFakeClock()
	srv, c := start(t, openaitest.Options{Now: clock.Now})
	ctx := context.Background()
	resp, err := c.Responses.New(ctx, newResponse("", "think\nsleep: 1h"))
	require.NoError(t, err)
	resp, err = c.Responses.Cancel(ctx, resp.ID)
	require.NoError(t, err)
	require.Equal(t, responses.ResponseStatusCancelled, resp.Status)
	_, err = c.Responses.Cancel(ctx, resp.ID)
	require.NoError(t, err, "cancelling twice is fine")
	require.Equal(t, 1, srv.Stats().ResponsesCancelled)
	require.Equal(t, 1, srv.Stats().RunsCancelled)

	done, err := c.Responses.New(ctx, newResponse("", "hi"))
	require.NoError(t, err)
	clock.Advance(time.Second)
	_, err = c.Responses.Cancel(ctx, done.ID)
	apiError(t, err, http.StatusBadRequest)
}
