package conformance_test

import (
	"context"
	"testing"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/conversations"
	"github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/packages/ssestream"
	"github.com/openai/openai-go/v3/responses"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/openaitest"
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
	w.must(&asst, w.acts.CreateAssistant, assistant.CreateAssistantInput{Name: "conformance", Model: "gpt-4o"})
	var th activities.CreateThreadResult
	w.must(&th, w.acts.CreateThread, activities.CreateThreadInput{})
	var st assistant.RunState
	w.must(&st, w.acts.StreamRun, activities.StreamRunInput{Start: &activities.StartRunInput{ThreadID: th.ThreadID, AssistantID: asst,
		Message: "call: calculate {\"expression\":\"2 + 3\"}", IdempotencyKey: "wf/s1"}})
	require.Equal(t, assistant.StatusRequiresAction, st.Status)
	var out assistant.ToolOutput
	w.must(&out, w.acts.CallTool, activities.CallToolInput{ThreadID: st.ThreadID, APIRunID: st.APIRunID, Call: st.ToolCalls[0]})
	w.must(&st, w.acts.StreamRun, activities.StreamRunInput{Submit: &activities.SubmitToolOutputsInput{
		ThreadID: st.ThreadID, APIRunID: st.APIRunID, Outputs: []assistant.ToolOutput{out}}})
	require.Equal(t, assistant.StatusCompleted, st.Status)
	require.Positive(t, w.chk.Events())
	require.Empty(t, w.chk.Violations())
}

// TestResponsesStreamEventsConform streams a background response through a
// tool round with the official Go client, then streams the finished response
// again from a sequence number; the checker validates every event against the
// ResponseStreamEvent variant its type names.
func TestResponsesStreamEventsConform(t *testing.T) {
	chk, _, _, c := emulator(t)
	ctx := context.Background()
	conv, err := c.Conversations.New(ctx, conversations.ConversationNewParams{})
	require.NoError(t, err)
	params := func(input responses.ResponseNewParamsInputUnion) responses.ResponseNewParams {
		return responses.ResponseNewParams{Model: "gpt-4o", Background: openai.Bool(true), Input: input,
			Conversation: responses.ResponseNewParamsConversationUnion{OfString: openai.String(conv.ID)},
			Tools: []responses.ToolUnionParam{{OfFunction: &responses.FunctionToolParam{Name: "get_weather", Strict: openai.Bool(false),
				Parameters: map[string]any{"type": "object", "properties": map[string]any{"city": map[string]any{"type": "string"}}}}}}}
	}
	read := func(stream *ssestream.Stream[responses.ResponseStreamEventUnion]) (names []string, last responses.ResponseStreamEventUnion) {
		for stream.Next() {
			last = stream.Current()
			names = append(names, last.Type)
		}
		require.NoError(t, stream.Err())
		return names, last
	}
	names, last := read(c.Responses.NewStreaming(ctx, params(responses.ResponseNewParamsInputUnion{
		OfString: openai.String("call: get_weather {\"city\":\"Oslo\"}")})))
	require.Contains(t, names, "response.function_call_arguments.delta")
	require.Equal(t, "response.completed", last.Type)
	call := last.Response.Output[0].AsFunctionCall()

	out := responses.ResponseInputItemParamOfFunctionCallOutput("sunny")
	out.OfFunctionCallOutput.CallID = openai.String(call.CallID)
	names2, last := read(c.Responses.NewStreaming(ctx, params(responses.ResponseNewParamsInputUnion{
		OfInputItemList: responses.ResponseInputParam{out}})))
	require.Contains(t, names2, "response.output_text.delta")
	require.Equal(t, "response.completed", last.Type)

	names3, _ := read(c.Responses.GetStreaming(ctx, last.Response.ID, responses.ResponseGetParams{StartingAfter: openai.Int(1)},
		option.WithQuery("stream", "true")))
	require.Equal(t, names2[2:], names3, "the replay after event 1")
	require.Equal(t, len(names)+len(names2)+len(names3), chk.Events(), "every event was validated")
	require.Empty(t, chk.Violations())
}

// TestWorkerStreamRunConformsOnResponses runs the worker's StreamRun activity
// on the responses protocol through a tool round, with the create's stream
// cut and resumed; requests and every event are validated.
func TestWorkerStreamRunConformsOnResponses(t *testing.T) {
	w := newWorker(t, "responses")
	var th activities.CreateThreadResult
	w.must(&th, w.acts.CreateThread, activities.CreateThreadInput{})
	var st assistant.RunState
	w.must(&st, w.acts.StreamRun, activities.StreamRunInput{Start: &activities.StartRunInput{ThreadID: th.ThreadID, AssistantID: "default",
		Message: "call: calculate {\"expression\":\"2 + 3\"}", IdempotencyKey: "wf/s1"}})
	require.Equal(t, assistant.StatusRequiresAction, st.Status)
	var out assistant.ToolOutput
	w.must(&out, w.acts.CallTool, activities.CallToolInput{ThreadID: st.ThreadID, APIRunID: st.APIRunID, Call: st.ToolCalls[0]})
	w.srv.InjectFault(openaitest.Fault{Method: "POST", Route: "/v1/responses", StreamCutAfter: 4})
	sub := activities.StreamRunInput{Submit: &activities.SubmitToolOutputsInput{
		ThreadID: st.ThreadID, APIRunID: st.APIRunID, Outputs: []assistant.ToolOutput{out}}}
	require.Error(t, w.exec(nil, w.acts.StreamRun, sub))
	w.retryFromHeartbeat()
	w.must(&st, w.acts.StreamRun, sub)
	require.Equal(t, assistant.StatusCompleted, st.Status)
	require.Equal(t, 1, w.srv.Stats().ResponseStreamsResumed)
	require.Positive(t, w.chk.Events())
	require.Empty(t, w.chk.Violations())
}
