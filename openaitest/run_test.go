package openaitest_test

import (
	"context"
	"testing"

	"github.com/openai/openai-go/v3"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/openaitest"
)

func TestToolCallingRun(t *testing.T) {
	srv, c := start(t, openaitest.Options{PollAfterMs: 7})
	ctx := context.Background()
	a := newAssistant(t, c)
	run := startRun(t, c, a.ID, "weather please\ncall: get_weather {\"city\":\"Paris\"}\ncall: get_time {}")
	require.Equal(t, openai.RunStatusQueued, run.Status)
	require.Equal(t, a.ID, run.AssistantID)
	require.NotZero(t, run.ExpiresAt)

	run = await(t, c, run)
	require.Equal(t, openai.RunStatusRequiresAction, run.Status)
	calls := run.RequiredAction.SubmitToolOutputs.ToolCalls
	require.Len(t, calls, 2)
	require.Equal(t, "get_weather", calls[0].Function.Name)
	require.JSONEq(t, `{"city":"Paris"}`, calls[0].Function.Arguments)
	require.Equal(t, "get_time", calls[1].Function.Name)

	run, err := c.Beta.Threads.Runs.SubmitToolOutputs(ctx, run.ThreadID, run.ID, openai.BetaThreadRunSubmitToolOutputsParams{
		ToolOutputs: []openai.BetaThreadRunSubmitToolOutputsParamsToolOutput{
			{ToolCallID: openai.String(calls[1].ID), Output: openai.String("noon")},
			{ToolCallID: openai.String(calls[0].ID), Output: openai.String("sunny")},
		}})
	require.NoError(t, err)
	run = await(t, c, run)
	require.Equal(t, openai.RunStatusCompleted, run.Status)
	require.NotZero(t, run.CompletedAt)
	require.Positive(t, run.Usage.TotalTokens)

	msgs, err := c.Beta.Threads.Messages.List(ctx, run.ThreadID, openai.BetaThreadMessageListParams{RunID: openai.String(run.ID)})
	require.NoError(t, err)
	require.Len(t, msgs.Data, 1)
	reply := msgs.Data[0]
	require.Equal(t, openai.MessageRoleAssistant, reply.Role)
	require.Equal(t, run.ID, reply.RunID)
	require.Equal(t, a.ID, reply.AssistantID)
	require.Equal(t, "Tool results: get_weather -> sunny; get_time -> noon", reply.Content[0].Text.Value)

	steps, err := c.Beta.Threads.Runs.Steps.List(ctx, run.ThreadID, run.ID, openai.BetaThreadRunStepListParams{Order: "asc"})
	require.NoError(t, err)
	require.Len(t, steps.Data, 2)
	require.Equal(t, "tool_calls", string(steps.Data[0].Type))
	require.Equal(t, "sunny", steps.Data[0].StepDetails.ToolCalls[0].Function.Output)
	require.Equal(t, "message_creation", string(steps.Data[1].Type))
	require.Equal(t, reply.ID, steps.Data[1].StepDetails.MessageCreation.MessageID)
	step, err := c.Beta.Threads.Runs.Steps.Get(ctx, run.ThreadID, run.ID, steps.Data[1].ID, openai.BetaThreadRunStepGetParams{})
	require.NoError(t, err)
	require.Equal(t, openai.RunStepStatusCompleted, step.Status)

	st := srv.Stats()
	require.Equal(t, 1, st.RunsCreated)
	require.Equal(t, 1, st.UserMessagesCreated)
	require.Equal(t, 1, st.ToolOutputSubmissions)
	require.Equal(t, 1, st.RunsPerThread[run.ThreadID])
	require.Equal(t, 1, st.Requests["POST /v1/threads/{thread_id}/runs/{run_id}/submit_tool_outputs"])
}

func TestEchoAndThreadAndRun(t *testing.T) {
	_, c := start(t, openaitest.Options{})
	ctx := context.Background()
	a := newAssistant(t, c)
	run, err := c.Beta.Threads.NewAndRun(ctx, openai.BetaThreadNewAndRunParams{AssistantID: a.ID,
		Thread: openai.BetaThreadNewAndRunParamsThread{Messages: []openai.BetaThreadNewAndRunParamsThreadMessage{{
			Role: "user", Content: openai.BetaThreadNewAndRunParamsThreadMessageContentUnion{OfString: openai.String("hello there")},
		}}}})
	require.NoError(t, err)
	run = await(t, c, run)
	require.Equal(t, openai.RunStatusCompleted, run.Status)

	// A second run reads only the messages added since the first.
	_, err = c.Beta.Threads.Messages.New(ctx, run.ThreadID, openai.BetaThreadMessageNewParams{Role: "user",
		Content: openai.BetaThreadMessageNewParamsContentUnion{OfString: openai.String("again")}})
	require.NoError(t, err)
	run2, err := c.Beta.Threads.Runs.New(ctx, run.ThreadID, openai.BetaThreadRunNewParams{AssistantID: a.ID})
	require.NoError(t, err)
	run2 = await(t, c, run2)

	msgs, err := c.Beta.Threads.Messages.List(ctx, run.ThreadID, openai.BetaThreadMessageListParams{})
	require.NoError(t, err)
	require.Len(t, msgs.Data, 4)
	require.Equal(t, "Echo: again", msgs.Data[0].Content[0].Text.Value) // newest first
	require.Equal(t, run2.ID, msgs.Data[0].RunID)
	require.Equal(t, "Echo: hello there", msgs.Data[2].Content[0].Text.Value)
}

func TestScriptedEndings(t *testing.T) {
	_, c := start(t, openaitest.Options{})
	a := newAssistant(t, c)

	failed := await(t, c, startRun(t, c, a.ID, "fail: rate_limit_exceeded slow down"))
	require.Equal(t, openai.RunStatusFailed, failed.Status)
	require.Equal(t, "rate_limit_exceeded", string(failed.LastError.Code))
	require.Equal(t, "slow down", failed.LastError.Message)
	require.NotZero(t, failed.FailedAt)

	inc := await(t, c, startRun(t, c, a.ID, "incomplete:"))
	require.Equal(t, openai.RunStatusIncomplete, inc.Status)
	require.Equal(t, "max_completion_tokens", string(inc.IncompleteDetails.Reason))

	bad := await(t, c, startRun(t, c, a.ID, "call: broken {not json"))
	require.Equal(t, openai.RunStatusFailed, bad.Status)
	require.Equal(t, "invalid_prompt", string(bad.LastError.Code))
}
