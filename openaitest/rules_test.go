package openaitest_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/openaitest"
)

func TestOneActiveRunPerThread(t *testing.T) {
	_, c := start(t, openaitest.Options{})
	ctx := context.Background()
	a := newAssistant(t, c)
	run := startRun(t, c, a.ID, "call: get_weather {}")

	_, err := c.Beta.Threads.Runs.New(ctx, run.ThreadID, openai.BetaThreadRunNewParams{AssistantID: a.ID})
	e := apiError(t, err, http.StatusBadRequest)
	require.Equal(t, "Thread "+run.ThreadID+" already has an active run "+run.ID+".", e.Message)

	_, err = c.Beta.Threads.Messages.New(ctx, run.ThreadID, openai.BetaThreadMessageNewParams{Role: "user",
		Content: openai.BetaThreadMessageNewParamsContentUnion{OfString: openai.String("hi")}})
	e = apiError(t, err, http.StatusBadRequest)
	require.Contains(t, e.Message, run.ID)
}

func TestSubmitToolOutputsValidation(t *testing.T) {
	_, c := start(t, openaitest.Options{})
	ctx := context.Background()
	a := newAssistant(t, c)
	run := await(t, c, startRun(t, c, a.ID, "call: a {}\ncall: b {}"))
	calls := run.RequiredAction.SubmitToolOutputs.ToolCalls
	submit := func(outs ...openai.BetaThreadRunSubmitToolOutputsParamsToolOutput) (*openai.Run, error) {
		return c.Beta.Threads.Runs.SubmitToolOutputs(ctx, run.ThreadID, run.ID,
			openai.BetaThreadRunSubmitToolOutputsParams{ToolOutputs: outs})
	}
	out := func(id string) openai.BetaThreadRunSubmitToolOutputsParamsToolOutput {
		return openai.BetaThreadRunSubmitToolOutputsParamsToolOutput{ToolCallID: openai.String(id), Output: openai.String("x")}
	}

	_, err := submit(out("call_nope"), out(calls[1].ID))
	require.Equal(t, "tool_outputs[0].tool_call_id", apiError(t, err, 400).Param)
	_, err = submit(out(calls[0].ID))
	require.Contains(t, apiError(t, err, 400).Message, "Expected tool outputs for call_ids")

	_, err = submit(out(calls[0].ID), out(calls[1].ID))
	require.NoError(t, err)
	require.Equal(t, openai.RunStatusCompleted, await(t, c, run).Status)
	_, err = submit(out(calls[0].ID), out(calls[1].ID))
	require.Equal(t, `Runs in status "completed" do not accept tool outputs.`, apiError(t, err, 400).Message)
}

func TestCancel(t *testing.T) {
	srv, c := start(t, openaitest.Options{ModelLatency: 200 * time.Millisecond})
	ctx := context.Background()
	a := newAssistant(t, c)

	// queued/in_progress: cancelling, then cancelled.
	run := startRun(t, c, a.ID, "hi")
	got, err := c.Beta.Threads.Runs.Cancel(ctx, run.ThreadID, run.ID)
	require.NoError(t, err)
	require.Equal(t, openai.RunStatusCancelling, got.Status)
	got = await(t, c, got)
	require.Equal(t, openai.RunStatusCancelled, got.Status)
	require.NotZero(t, got.CancelledAt)

	_, err = c.Beta.Threads.Runs.Cancel(ctx, run.ThreadID, run.ID)
	require.Equal(t, "Cannot cancel run with status 'cancelled'.", apiError(t, err, 400).Message)

	// requires_action: cancelled at once, and the tool step with it.
	run = await(t, c, startRun(t, c, a.ID, "sleep: 1ms\ncall: a {}"))
	require.Equal(t, openai.RunStatusRequiresAction, run.Status)
	got, err = c.Beta.Threads.Runs.Cancel(ctx, run.ThreadID, run.ID)
	require.NoError(t, err)
	require.Equal(t, openai.RunStatusCancelled, got.Status)
	steps, err := c.Beta.Threads.Runs.Steps.List(ctx, run.ThreadID, run.ID, openai.BetaThreadRunStepListParams{})
	require.NoError(t, err)
	require.Equal(t, openai.RunStepStatusCancelled, steps.Data[0].Status)
	require.Equal(t, 2, srv.Stats().RunsCancelled)
}

func TestRequiresActionExpires(t *testing.T) {
	clock := newFakeClock()
	_, c := start(t, openaitest.Options{Now: clock.Now, ModelLatency: time.Second, RequiresActionTTL: time.Minute})
	ctx := context.Background()
	a := newAssistant(t, c)

	run := startRun(t, c, a.ID, "call: a {}")
	require.Equal(t, clock.Now().Add(time.Minute).Unix(), run.ExpiresAt)
	clock.Advance(time.Second)
	run, err := c.Beta.Threads.Runs.Get(ctx, run.ThreadID, run.ID)
	require.NoError(t, err)
	require.Equal(t, openai.RunStatusRequiresAction, run.Status)

	clock.Advance(time.Minute)
	run, err = c.Beta.Threads.Runs.Get(ctx, run.ThreadID, run.ID)
	require.NoError(t, err)
	require.Equal(t, openai.RunStatusExpired, run.Status)
	_, err = c.Beta.Threads.Runs.SubmitToolOutputs(ctx, run.ThreadID, run.ID, openai.BetaThreadRunSubmitToolOutputsParams{
		ToolOutputs: []openai.BetaThreadRunSubmitToolOutputsParamsToolOutput{{ToolCallID: openai.String("call_x"), Output: openai.String("x")}}})
	require.Contains(t, apiError(t, err, 400).Message, `"expired"`)

	// expires_in shortens one run's budget.
	run = startRun(t, c, a.ID, "expires_in: 5s\ncall: a {}")
	require.Equal(t, clock.Now().Add(5*time.Second).Unix(), run.ExpiresAt)
	clock.Advance(5 * time.Second)
	run, err = c.Beta.Threads.Runs.Get(ctx, run.ThreadID, run.ID)
	require.NoError(t, err)
	require.Equal(t, openai.RunStatusExpired, run.Status)
}

func TestNotFound(t *testing.T) {
	_, c := start(t, openaitest.Options{})
	ctx := context.Background()
	a := newAssistant(t, c)
	run := startRun(t, c, a.ID, "hi")

	_, err := c.Beta.Assistants.Get(ctx, "asst_x")
	require.Equal(t, "No assistant found with id 'asst_x'.", apiError(t, err, 404).Message)
	_, err = c.Beta.Threads.Get(ctx, "thread_x")
	require.Equal(t, "No thread found with id 'thread_x'.", apiError(t, err, 404).Message)
	_, err = c.Beta.Threads.Runs.Get(ctx, run.ThreadID, "run_x")
	require.Equal(t, "No run found with id 'run_x'.", apiError(t, err, 404).Message)
	_, err = c.Beta.Threads.Messages.Get(ctx, run.ThreadID, "msg_x")
	apiError(t, err, 404)
	_, err = c.Beta.Threads.Runs.New(ctx, run.ThreadID, openai.BetaThreadRunNewParams{AssistantID: "asst_x"})
	apiError(t, err, 404)
}

func TestInputValidation(t *testing.T) {
	_, c := start(t, openaitest.Options{})
	ctx := context.Background()
	th, err := c.Beta.Threads.New(ctx, openai.BetaThreadNewParams{})
	require.NoError(t, err)

	_, err = c.Beta.Threads.Messages.New(ctx, th.ID, openai.BetaThreadMessageNewParams{Role: "user",
		Content: openai.BetaThreadMessageNewParamsContentUnion{OfString: openai.String("")}})
	require.Equal(t, "content", apiError(t, err, 400).Param)

	_, err = c.Beta.Threads.Messages.List(ctx, th.ID, openai.BetaThreadMessageListParams{Limit: openai.Int(101)})
	require.Equal(t, "limit", apiError(t, err, 400).Param)

	_, err = c.Beta.Threads.Update(ctx, th.ID, openai.BetaThreadUpdateParams{
		Metadata: map[string]string{"k": strings.Repeat("v", 513)}})
	require.Equal(t, "metadata.k", apiError(t, err, 400).Param)

	many := map[string]string{}
	for i := range 17 {
		many[string(rune('a'+i))] = "v"
	}
	_, err = c.Beta.Threads.New(ctx, openai.BetaThreadNewParams{Metadata: many})
	require.Equal(t, "metadata", apiError(t, err, 400).Param)
}
