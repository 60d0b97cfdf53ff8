package conformance_test

import (
	"context"
	"testing"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/responses"
	"github.com/openai/openai-go/v3/shared"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/conformance"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// emulator starts a validated emulator and an openai-go client for it.
func emulator(t *testing.T) (*conformance.Checker, *openaitest.Server, string, openai.Client) {
	t.Helper()
	srv := openaitest.New(openaitest.Options{ModelLatency: 2 * time.Millisecond, APIKey: "k"})
	chk, url := conformance.NewServer(t, srv)
	c := openai.NewClient(option.WithBaseURL(url), option.WithAPIKey("k"), option.WithMaxRetries(0))
	return chk, srv, url, c
}

// TestOpenAIGoAssistantsFlow drives a tool-calling run with the official Go client.
func TestOpenAIGoAssistantsFlow(t *testing.T) {
	chk, _, _, c := emulator(t)
	ctx := context.Background()
	asst, err := c.Beta.Assistants.New(ctx, openai.BetaAssistantNewParams{
		Model: "gpt-4o", Name: openai.String("conformance"), Instructions: openai.String("Be brief."),
		Tools: []openai.AssistantToolUnionParam{{OfFunction: &openai.FunctionToolParam{Function: shared.FunctionDefinitionParam{
			Name: "get_weather", Description: openai.String("weather"),
			Parameters: shared.FunctionParameters{"type": "object", "properties": map[string]any{"city": map[string]any{"type": "string"}}},
		}}}},
		Metadata: shared.Metadata{"team": "a"},
	})
	require.NoError(t, err)
	th, err := c.Beta.Threads.New(ctx, openai.BetaThreadNewParams{})
	require.NoError(t, err)
	_, err = c.Beta.Threads.Messages.New(ctx, th.ID, openai.BetaThreadMessageNewParams{
		Role: openai.BetaThreadMessageNewParamsRoleUser, Content: openai.BetaThreadMessageNewParamsContentUnion{OfString: openai.String("hello")}})
	require.NoError(t, err)
	run, err := c.Beta.Threads.Runs.New(ctx, th.ID, openai.BetaThreadRunNewParams{AssistantID: asst.ID,
		AdditionalMessages: []openai.BetaThreadRunNewParamsAdditionalMessage{{Role: "user",
			Content: openai.BetaThreadRunNewParamsAdditionalMessageContentUnion{OfString: openai.String(
				"call: get_weather {\"city\":\"Oslo\"}\ncall: get_weather {\"city\":\"Rome\"}")}}}})
	require.NoError(t, err)
	run = pollRun(t, c, th.ID, run.ID)
	require.Equal(t, openai.RunStatusRequiresAction, run.Status)
	calls := run.RequiredAction.SubmitToolOutputs.ToolCalls
	require.Len(t, calls, 2)
	var outs []openai.BetaThreadRunSubmitToolOutputsParamsToolOutput
	for _, tc := range calls {
		outs = append(outs, openai.BetaThreadRunSubmitToolOutputsParamsToolOutput{ToolCallID: openai.String(tc.ID), Output: openai.String("sunny")})
	}
	_, err = c.Beta.Threads.Runs.SubmitToolOutputs(ctx, th.ID, run.ID, openai.BetaThreadRunSubmitToolOutputsParams{ToolOutputs: outs})
	require.NoError(t, err)
	run = pollRun(t, c, th.ID, run.ID)
	require.Equal(t, openai.RunStatusCompleted, run.Status)

	_, err = c.Beta.Threads.Messages.List(ctx, th.ID, openai.BetaThreadMessageListParams{Order: openai.BetaThreadMessageListParamsOrderDesc, Limit: openai.Int(5)})
	require.NoError(t, err)
	steps, err := c.Beta.Threads.Runs.Steps.List(ctx, th.ID, run.ID, openai.BetaThreadRunStepListParams{})
	require.NoError(t, err)
	require.NotEmpty(t, steps.Data)
	_, err = c.Beta.Threads.Runs.Steps.Get(ctx, th.ID, run.ID, steps.Data[0].ID, openai.BetaThreadRunStepGetParams{})
	require.NoError(t, err)
	_, err = c.Beta.Threads.Runs.List(ctx, th.ID, openai.BetaThreadRunListParams{Limit: openai.Int(10)})
	require.NoError(t, err)
	_, err = c.Beta.Threads.Get(ctx, th.ID)
	require.NoError(t, err)
	_, err = c.Beta.Assistants.Get(ctx, asst.ID)
	require.NoError(t, err)
	_, err = c.Beta.Assistants.List(ctx, openai.BetaAssistantListParams{})
	require.NoError(t, err)

	// createThreadAndRun, then cancel while it runs.
	tr, err := c.Beta.Threads.NewAndRun(ctx, openai.BetaThreadNewAndRunParams{AssistantID: asst.ID,
		Thread: openai.BetaThreadNewAndRunParamsThread{Messages: []openai.BetaThreadNewAndRunParamsThreadMessage{{
			Role: "user", Content: openai.BetaThreadNewAndRunParamsThreadMessageContentUnion{OfString: openai.String("sleep: 1s\nhi")}}}}})
	require.NoError(t, err)
	_, err = c.Beta.Threads.Runs.Cancel(ctx, tr.ThreadID, tr.ID)
	require.NoError(t, err)
	require.Equal(t, openai.RunStatusCancelled, pollRun(t, c, tr.ThreadID, tr.ID).Status)

	// Errors: not found, bad request.
	_, err = c.Beta.Threads.Get(ctx, "thread_missing")
	require.Error(t, err)
	_, err = c.Beta.Threads.Runs.New(ctx, th.ID, openai.BetaThreadRunNewParams{AssistantID: "asst_missing"})
	require.Error(t, err)

	_, err = c.Beta.Threads.Delete(ctx, th.ID)
	require.NoError(t, err)
	_, err = c.Beta.Assistants.Delete(ctx, asst.ID)
	require.NoError(t, err)
	require.Empty(t, chk.Violations())
}

// pollRun reads the run until it leaves queued/in_progress/cancelling.
func pollRun(t *testing.T, c openai.Client, threadID, runID string) *openai.Run {
	t.Helper()
	var run *openai.Run
	require.Eventually(t, func() bool {
		var err error
		run, err = c.Beta.Threads.Runs.Get(context.Background(), threadID, runID)
		require.NoError(t, err)
		switch run.Status {
		case openai.RunStatusQueued, openai.RunStatusInProgress, openai.RunStatusCancelling:
			return false
		}
		return true
	}, 10*time.Second, 2*time.Millisecond)
	return run
}

// TestOpenAIGoRemainingEndpoints covers the emulator's other endpoints, list
// queries, a bad key and injected 429/500 faults.
func TestOpenAIGoRemainingEndpoints(t *testing.T) {
	chk, srv, url, c := emulator(t)
	ctx := context.Background()
	asst, err := c.Beta.Assistants.New(ctx, openai.BetaAssistantNewParams{Model: "gpt-4o"})
	require.NoError(t, err)
	_, err = c.Beta.Assistants.Update(ctx, asst.ID, openai.BetaAssistantUpdateParams{Name: openai.String("renamed"), Metadata: shared.Metadata{"a": "b"}})
	require.NoError(t, err)
	th, err := c.Beta.Threads.New(ctx, openai.BetaThreadNewParams{Metadata: shared.Metadata{"a": "b"}})
	require.NoError(t, err)
	_, err = c.Beta.Threads.Update(ctx, th.ID, openai.BetaThreadUpdateParams{Metadata: shared.Metadata{"a": "c"}})
	require.NoError(t, err)
	msg, err := c.Beta.Threads.Messages.New(ctx, th.ID, openai.BetaThreadMessageNewParams{
		Role: openai.BetaThreadMessageNewParamsRoleUser, Content: openai.BetaThreadMessageNewParamsContentUnion{OfString: openai.String("hi")}})
	require.NoError(t, err)
	_, err = c.Beta.Threads.Messages.Get(ctx, th.ID, msg.ID)
	require.NoError(t, err)
	_, err = c.Beta.Threads.Messages.Update(ctx, th.ID, msg.ID, openai.BetaThreadMessageUpdateParams{Metadata: shared.Metadata{"x": "y"}})
	require.NoError(t, err)
	run, err := c.Beta.Threads.Runs.New(ctx, th.ID, openai.BetaThreadRunNewParams{AssistantID: asst.ID})
	require.NoError(t, err)
	_, err = c.Beta.Threads.Runs.Update(ctx, th.ID, run.ID, openai.BetaThreadRunUpdateParams{Metadata: shared.Metadata{"x": "y"}})
	require.NoError(t, err)
	pollRun(t, c, th.ID, run.ID)
	_, err = c.Beta.Threads.Messages.List(ctx, th.ID, openai.BetaThreadMessageListParams{After: openai.String(msg.ID), Order: openai.BetaThreadMessageListParamsOrderAsc})
	require.NoError(t, err)
	_, err = c.Beta.Threads.Messages.List(ctx, th.ID, openai.BetaThreadMessageListParams{RunID: openai.String(run.ID)})
	require.NoError(t, err)
	_, err = c.Beta.Assistants.List(ctx, openai.BetaAssistantListParams{Limit: openai.Int(1), Order: openai.BetaAssistantListParamsOrderDesc, Before: openai.String(asst.ID)})
	require.NoError(t, err)
	_, err = c.Beta.Threads.Messages.Delete(ctx, th.ID, msg.ID)
	require.NoError(t, err)
	_, err = c.Beta.Threads.Messages.Delete(ctx, th.ID, msg.ID)
	require.Error(t, err)

	// A wrong key: 401 with the spec's error body.
	bad := openai.NewClient(option.WithBaseURL(url), option.WithAPIKey("wrong"), option.WithMaxRetries(0))
	_, err = bad.Beta.Assistants.Get(ctx, asst.ID)
	require.Error(t, err)
	// Injected faults: a 429 with retry-after (declared in the spec for POST
	// /responses) and a 500.
	srv.InjectFault(openaitest.Fault{Method: "POST", Route: "/v1/responses", Status: 429, RetryAfter: time.Second})
	_, err = c.Responses.New(ctx, responses.ResponseNewParams{Model: "gpt-4o", Input: responses.ResponseNewParamsInputUnion{OfString: openai.String("hi")}})
	require.Error(t, err)
	srv.InjectFault(openaitest.Fault{Method: "GET", Route: "/v1/threads/{thread_id}", Status: 500})
	_, err = c.Beta.Threads.Get(ctx, th.ID)
	require.Error(t, err)
	require.Empty(t, chk.Violations())
}
