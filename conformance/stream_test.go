package conformance_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/responses"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// TestAssistantsStreamEventsConform streams a tool round with the official Go
// client; the checker validates each event against AssistantStreamEvent.
func TestAssistantsStreamEventsConform(t *testing.T) {
	chk, _, _, c := emulator(t)
	ctx := context.Background()
	asst, err := c.Beta.Assistants.New(ctx, openai.BetaAssistantNewParams{Model: "gpt-4o"})
	require.NoError(t, err)
	th, err := c.Beta.Threads.New(ctx, openai.BetaThreadNewParams{})
	require.NoError(t, err)
	stream := c.Beta.Threads.Runs.NewStreaming(ctx, th.ID, openai.BetaThreadRunNewParams{AssistantID: asst.ID,
		AdditionalMessages: []openai.BetaThreadRunNewParamsAdditionalMessage{{Role: "user",
			Content: openai.BetaThreadRunNewParamsAdditionalMessageContentUnion{OfString: openai.String("call: get_weather {\"city\":\"Oslo\"}")}}}})
	var run openai.Run
	for stream.Next() {
		if ev := stream.Current(); ev.Event == "thread.run.requires_action" {
			run = ev.AsThreadRunRequiresAction().Data
		}
	}
	require.NoError(t, stream.Err())
	require.Equal(t, openai.RunStatusRequiresAction, run.Status)
	call := run.RequiredAction.SubmitToolOutputs.ToolCalls[0]
	stream = c.Beta.Threads.Runs.SubmitToolOutputsStreaming(ctx, th.ID, run.ID, openai.BetaThreadRunSubmitToolOutputsParams{
		ToolOutputs: []openai.BetaThreadRunSubmitToolOutputsParamsToolOutput{{ToolCallID: openai.String(call.ID), Output: openai.String("sunny")}}})
	var names []string
	for stream.Next() {
		names = append(names, stream.Current().Event)
	}
	require.NoError(t, stream.Err())
	require.Contains(t, names, "thread.message.delta")
	require.Contains(t, names, "thread.run.completed")
	require.Greater(t, chk.Events(), len(names), "both streams' events were validated")
	require.Empty(t, chk.Violations())
}

// TestWorkerStreamRunConforms runs the worker's StreamRun activity (assistants
// protocol) through a tool round; requests and every event are validated.
func TestWorkerStreamRunConforms(t *testing.T) {
	w := newWorker(t, "assistants")
	var asst string
	w.must(&asst, w.acts.CreateAssistant, activities.CreateAssistantInput{Name: "conformance", Model: "gpt-4o"})
	var th activities.CreateThreadResult
	w.must(&th, w.acts.CreateThread, activities.CreateThreadInput{})
	var st assistant.RunState
	w.must(&st, w.acts.StreamRun, activities.StreamRunInput{Start: &activities.StartRunInput{ThreadID: th.ThreadID, AssistantID: asst,
		Message: "call: calculate {\"expression\":\"2 + 3\"}", IdempotencyKey: "wf/s1"}})
	require.Equal(t, assistant.StatusRequiresAction, st.Status)
	var out assistant.ToolOutput
	w.must(&out, w.acts.CallTool, activities.CallToolInput{ThreadID: st.ThreadID, RunID: st.RunID, Call: st.ToolCalls[0]})
	w.must(&st, w.acts.StreamRun, activities.StreamRunInput{Submit: &activities.SubmitToolOutputsInput{
		ThreadID: st.ThreadID, RunID: st.RunID, Outputs: []assistant.ToolOutput{out}}})
	require.Equal(t, assistant.StatusCompleted, st.Status)
	require.Positive(t, w.chk.Events())
	require.Empty(t, w.chk.Violations())
}

// TestResponsesStreamEventsConform streams a response with the official Go
// client; the checker validates each event against ResponseStreamEvent. It
// skips while the emulator refuses stream=true on the Responses protocol.
func TestResponsesStreamEventsConform(t *testing.T) {
	chk, _, _, c := emulator(t)
	stream := c.Responses.NewStreaming(context.Background(), responses.ResponseNewParams{Model: "gpt-4o",
		Input: responses.ResponseNewParamsInputUnion{OfString: openai.String("call: get_weather {\"city\":\"Oslo\"}")}})
	var names []string
	for stream.Next() {
		names = append(names, stream.Current().Type)
	}
	var apiErr *openai.Error
	if errors.As(stream.Err(), &apiErr) && apiErr.StatusCode == http.StatusBadRequest && apiErr.Param == "stream" {
		t.Skip("TODO(streaming): openaitest does not stream the Responses protocol yet; this test validates its events once it does")
	}
	require.NoError(t, stream.Err())
	require.Contains(t, names, "response.completed")
	require.GreaterOrEqual(t, chk.Events(), len(names))
	require.Empty(t, chk.Violations())
}
