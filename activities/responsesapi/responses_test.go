package responsesapi

import (
	"context"
	"testing"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// newResponsesBackend returns a backend with one profile over a fresh
// emulator whose model answers within a millisecond.
func newResponsesBackend(t *testing.T) (*Backend, *openaitest.Server) {
	t.Helper()
	srv, url := openaitest.NewTestServer(t, openaitest.Options{ModelLatency: time.Millisecond})
	c := openai.NewClient(option.WithBaseURL(url), option.WithAPIKey("k"), option.WithMaxRetries(0))
	b := New(c, map[string]assistant.Profile{"default": {Model: "gpt-4o", Instructions: "Be brief."}},
		func() []assistant.ToolDefinition {
			return []assistant.ToolDefinition{{Name: "get_weather", Parameters: map[string]any{"type": "object"}}}
		})
	return b, srv
}

// newConversation is newResponsesBackend with a conversation on it.
func newConversation(t *testing.T) (*Backend, *openaitest.Server, string) {
	t.Helper()
	b, srv := newResponsesBackend(t)
	conv, err := b.CreateThread(context.Background())
	require.NoError(t, err)
	return b, srv, conv
}

// settled polls the run until the model is done.
func settled(t *testing.T, b *Backend, st assistant.RunState) assistant.RunState {
	t.Helper()
	require.Eventually(t, func() bool {
		var err error
		st, err = b.GetRun(context.Background(), st.ThreadID, st.APIRunID)
		require.NoError(t, err)
		return !st.Status.Pending()
	}, 5*time.Second, time.Millisecond)
	return st
}

func TestResponsesBackendToolRound(t *testing.T) {
	b, srv, conv := newConversation(t)
	ctx := context.Background()
	st, err := b.CreateRun(ctx, activities.StartRunInput{ThreadID: conv, AssistantID: "default",
		Message: "call: get_weather {\"city\":\"Oslo\"}", Metadata: map[string]string{"team": "a"}}, "wf/run")
	require.NoError(t, err)
	st = settled(t, b, st)
	require.Equal(t, assistant.StatusRequiresAction, st.Status)
	require.Len(t, st.ToolCalls, 1)
	first := st.Usage

	next, err := b.SubmitToolOutputs(ctx, conv, st.APIRunID, []assistant.ToolOutput{{ToolCallID: st.ToolCalls[0].ID, Output: "sunny"}}, nil)
	require.NoError(t, err)
	require.NotEqual(t, st.APIRunID, next.APIRunID)
	next = settled(t, b, next)
	require.Equal(t, assistant.StatusCompleted, next.Status)
	require.Equal(t, "Tool results: get_weather -> sunny", next.Reply.Text)
	require.Greater(t, next.Usage.TotalTokens, first.TotalTokens, "usage sums the run's responses")
	require.Equal(t, 1, srv.Stats().RunsCreated)
	require.Equal(t, 1, srv.Stats().ToolOutputSubmissions)

	// Cancelling a run that waits for tool outputs ends it without the API.
	again, err := b.CreateRun(ctx, activities.StartRunInput{ThreadID: conv, AssistantID: "default", Message: "call: get_weather {}"}, "k2")
	require.NoError(t, err)
	again = settled(t, b, again)
	cancelled, err := b.CancelRun(ctx, conv, again.APIRunID)
	require.NoError(t, err)
	require.Equal(t, assistant.StatusCancelled, cancelled.Status)
}

func TestResponsesBackendRefusals(t *testing.T) {
	b, _ := newResponsesBackend(t)
	ctx := context.Background()
	var app *temporal.ApplicationError

	_, err := b.CreateRun(ctx, activities.StartRunInput{ThreadID: "conv_x", AssistantID: "nope", Message: "hi"}, "k")
	require.ErrorAs(t, err, &app)
	require.Equal(t, assistant.ErrorTypeNotFound, app.Type())
	require.True(t, app.NonRetryable())
	require.Contains(t, app.Error(), `"nope"`)

	_, err = b.CreateAssistant(ctx, assistant.CreateAssistantInput{Model: "gpt-4o"})
	require.ErrorAs(t, err, &app)
	require.Equal(t, assistant.ErrorTypeInvalidInput, app.Type())
}

func TestChainTagRoundTrip(t *testing.T) {
	tag := chainTag{Profile: "p", Prior: assistant.Usage{PromptTokens: 1, CompletionTokens: 2, TotalTokens: 3}, Key: "wf/run"}
	meta := tag.metadata(map[string]string{"team": "a"})
	require.Equal(t, tag, parseTag(meta))
	require.Equal(t, map[string]string{"team": "a"}, userMetadata(meta))
	require.Equal(t, chainTag{}, parseTag(map[string]string{activities.MetadataKeyIdempotency: "foreign"}))
}

func TestResponseStateFailsLoudlyOnUnknownStatus(t *testing.T) {
	_, err := responseState(`{"id":"resp_1","status":"thinking"}`, nil)
	var app *temporal.ApplicationError
	require.ErrorAs(t, err, &app)
	require.Equal(t, assistant.ErrorTypeUnknownRunState, app.Type())

	st, err := responseState(`{"id":"resp_1","status":"failed","error":{"code":"server_error","message":"boom"}}`, nil)
	require.NoError(t, err)
	require.Equal(t, assistant.StatusFailed, st.Status)
	require.Equal(t, "server_error", st.LastError.Code)
}

func TestResponsesBackendDeletesConversation(t *testing.T) {
	b, _ := newResponsesBackend(t)
	id, err := b.CreateThread(context.Background())
	require.NoError(t, err)
	require.NoError(t, b.DeleteThread(context.Background(), id))
	_, err = b.client.Conversations.Get(context.Background(), id)
	var apiErr *openai.Error
	require.ErrorAs(t, err, &apiErr)
	require.Equal(t, 404, apiErr.StatusCode)
}

// The tools offered are read at each response, so a tool list that changes
// while the worker runs (an MCP server's) reaches the model at once.
func TestResponsesOfferTheToolsOfNow(t *testing.T) {
	tools := []assistant.ToolDefinition{{Name: "a", Parameters: map[string]any{"type": "object"}}}
	b := New(openai.Client{}, nil, func() []assistant.ToolDefinition { return tools })
	require.Len(t, b.newParams("conv_1", "gpt-4o", "", nil).Tools, 1)
	tools = append(tools, assistant.ToolDefinition{Name: "b", Parameters: map[string]any{"type": "object"}})
	params := b.newParams("conv_1", "gpt-4o", "", nil)
	require.Len(t, params.Tools, 2)
	require.Equal(t, "b", params.Tools[1].OfFunction.Name)
}
