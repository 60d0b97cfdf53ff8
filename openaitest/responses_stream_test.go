package openaitest_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/conversations"
	"github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/packages/ssestream"
	"github.com/openai/openai-go/v3/responses"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/openaitest"
)

// collectResponses reads a Responses stream to its end with the official
// client, requiring sequence numbers to count up from first.
func collectResponses(t *testing.T, s *ssestream.Stream[responses.ResponseStreamEventUnion], first int64) ([]string, []responses.ResponseStreamEventUnion, error) {
	t.Helper()
	var names []string
	var evs []responses.ResponseStreamEventUnion
	for s.Next() {
		ev := s.Current()
		require.Equal(t, first+int64(len(evs)), ev.SequenceNumber, "event %d (%s)", len(evs), ev.Type)
		names, evs = append(names, ev.Type), append(evs, ev)
	}
	return names, evs, s.Err()
}

// streamResponse creates a background response on a fresh conversation with stream=true.
func streamResponse(t *testing.T, c openai.Client, text string) (string, *ssestream.Stream[responses.ResponseStreamEventUnion]) {
	t.Helper()
	conv, err := c.Conversations.New(context.Background(), conversations.ConversationNewParams{})
	require.NoError(t, err)
	return conv.ID, c.Responses.NewStreaming(context.Background(), newResponse(conv.ID, text))
}

// resume streams a background response again after a sequence number. The
// query carries stream=true: openai-go's GetStreaming puts it in a JSON body
// of the GET, which the spec (and so the emulator) does not read.
func resume(c openai.Client, id string, after int64) *ssestream.Stream[responses.ResponseStreamEventUnion] {
	return c.Responses.GetStreaming(context.Background(), id, responses.ResponseGetParams{StartingAfter: openai.Int(after)},
		option.WithQuery("stream", "true"))
}

func TestResponsesStreamMessage(t *testing.T) {
	srv, c := start(t, openaitest.Options{})
	_, s := streamResponse(t, c, "hello streaming world")
	names, evs, err := collectResponses(t, s, 0)
	require.NoError(t, err)
	require.Equal(t, []string{"response.created", "response.in_progress", "response.output_item.added",
		"response.content_part.added", "response.output_text.delta", "response.output_text.delta",
		"response.output_text.delta", "response.output_text.delta", "response.output_text.done",
		"response.content_part.done", "response.output_item.done", "response.completed"}, names)
	created := evs[0].AsResponseCreated().Response
	require.Equal(t, responses.ResponseStatusQueued, created.Status)
	require.True(t, created.Background)
	var text strings.Builder
	for _, e := range evs {
		if e.Type == "response.output_text.delta" {
			d := e.AsResponseOutputTextDelta()
			require.Equal(t, evs[2].Item.ID, d.ItemID)
			text.WriteString(d.Delta)
		}
	}
	require.Equal(t, "Echo: hello streaming world", text.String())
	require.Equal(t, text.String(), evs[8].AsResponseOutputTextDone().Text)
	done := evs[len(evs)-1].AsResponseCompleted().Response
	require.Equal(t, responses.ResponseStatusCompleted, done.Status)
	require.Equal(t, created.ID, done.ID)
	require.Equal(t, text.String(), done.OutputText())
	st := srv.Stats()
	require.Equal(t, 1, st.ResponsesCreated)
	require.Equal(t, 1, st.RunsCreated)
}

func TestResponsesStreamFunctionCalls(t *testing.T) {
	srv, c := start(t, openaitest.Options{})
	conv, s := streamResponse(t, c, "call: get_weather {\"city\":\"Oslo\"}\ncall: get_time {}")
	names, evs, err := collectResponses(t, s, 0)
	require.NoError(t, err)
	require.Equal(t, []string{"response.created", "response.in_progress",
		"response.output_item.added", "response.function_call_arguments.delta", "response.function_call_arguments.delta",
		"response.function_call_arguments.done", "response.output_item.done",
		"response.output_item.added", "response.function_call_arguments.delta", "response.function_call_arguments.delta",
		"response.function_call_arguments.done", "response.output_item.done", "response.completed"}, names)
	args := evs[3].AsResponseFunctionCallArgumentsDelta().Delta + evs[4].AsResponseFunctionCallArgumentsDelta().Delta
	require.Equal(t, `{"city":"Oslo"}`, args)
	fc := evs[5].AsResponseFunctionCallArgumentsDone()
	require.Contains(t, fc.RawJSON(), `"name":"get_weather"`)
	require.Equal(t, args, fc.Arguments)
	done := evs[len(evs)-1].AsResponseCompleted().Response
	require.Len(t, done.Output, 2)
	call := done.Output[0].AsFunctionCall()
	require.Equal(t, evs[6].AsResponseOutputItemDone().Item.AsFunctionCall().CallID, call.CallID)

	// The tool outputs go in a streamed response too; it answers with their summary.
	next := newResponse(conv, "")
	output := func(callID, out string) responses.ResponseInputItemUnionParam {
		item := responses.ResponseInputItemParamOfFunctionCallOutput(out)
		item.OfFunctionCallOutput.CallID = openai.String(callID)
		return item
	}
	next.Input = responses.ResponseNewParamsInputUnion{OfInputItemList: responses.ResponseInputParam{
		output(call.CallID, "sunny"), output(done.Output[1].AsFunctionCall().CallID, "noon")}}
	names, evs, err = collectResponses(t, c.Responses.NewStreaming(context.Background(), next), 0)
	require.NoError(t, err)
	require.Equal(t, "response.completed", names[len(names)-1])
	require.Equal(t, "Tool results: get_weather -> sunny; get_time -> noon", evs[len(evs)-1].Response.OutputText())
	st := srv.Stats()
	require.Equal(t, 1, st.RunsCreated)
	require.Equal(t, 1, st.ToolOutputSubmissions)
	require.Equal(t, 2, st.ResponsesCreated)
}

func TestResponsesStreamFailedAndIncomplete(t *testing.T) {
	_, c := start(t, openaitest.Options{})
	for script, want := range map[string]string{"fail: server_error boom": "response.failed", "incomplete:": "response.incomplete"} {
		_, s := streamResponse(t, c, script)
		names, evs, err := collectResponses(t, s, 0)
		require.NoError(t, err)
		require.Equal(t, []string{"response.created", "response.in_progress", want}, names, script)
		require.Equal(t, want, "response."+string(evs[2].Response.Status))
	}
}

// A stream cut mid-message resumes with starting_after: the rest of the
// sequence, numbered as before, and no second response.
func TestResponsesStreamCutThenResume(t *testing.T) {
	srv, c := start(t, openaitest.Options{})
	srv.InjectFault(openaitest.Fault{Method: "POST", Route: "/v1/responses", StreamCutAfter: 6})
	_, s := streamResponse(t, c, "cut me short please")
	names, evs, err := collectResponses(t, s, 0)
	require.Error(t, err)
	require.Len(t, names, 6)
	id := evs[0].AsResponseCreated().Response.ID
	text := evs[4].Delta + evs[5].Delta

	names, evs, err = collectResponses(t, resume(c, id, 5), 6)
	require.NoError(t, err)
	require.Equal(t, "response.completed", names[len(names)-1])
	for _, e := range evs {
		text += e.Delta
		if e.Type != "response.output_text.delta" {
			text = strings.TrimSuffix(text, e.Delta)
		}
	}
	require.Equal(t, "Echo: cut me short please", text)
	st := srv.Stats()
	require.Equal(t, 1, st.ResponsesCreated)
	require.Equal(t, 1, st.ResponseStreamsResumed)

	// A finished response replays from the start; a foreground one cannot.
	names, _, err = collectResponses(t, resume(c, id, 0), 1)
	require.NoError(t, err)
	require.Equal(t, "response.completed", names[len(names)-1])
	fg, err := c.Responses.New(context.Background(), responses.ResponseNewParams{Model: "gpt-4o",
		Input: responses.ResponseNewParamsInputUnion{OfString: openai.String("hi")}})
	require.NoError(t, err)
	_, _, err = collectResponses(t, resume(c, fg.ID, 0), 1)
	var apiErr *openai.Error
	require.ErrorAs(t, err, &apiErr)
	require.Equal(t, "stream", apiErr.Param)
}

// A resumed stream follows a response still running until it ends; a stall
// holds it silent and then it goes on.
func TestResponsesStreamResumeLiveAndStall(t *testing.T) {
	srv, c := start(t, openaitest.Options{ModelLatency: 200 * time.Millisecond})
	conv, err := c.Conversations.New(context.Background(), conversations.ConversationNewParams{})
	require.NoError(t, err)
	resp, err := c.Responses.New(context.Background(), newResponse(conv.ID, "live"))
	require.NoError(t, err)
	srv.InjectFault(openaitest.Fault{Method: "GET", Route: "/v1/responses/{response_id}",
		StreamStall: 300 * time.Millisecond, StreamStallAfter: 1})
	began := time.Now()
	names, _, err := collectResponses(t, resume(c, resp.ID, 0), 1)
	require.NoError(t, err)
	require.GreaterOrEqual(t, time.Since(began), 300*time.Millisecond)
	require.Equal(t, "response.in_progress", names[0])
	require.Equal(t, "response.completed", names[len(names)-1])
}
