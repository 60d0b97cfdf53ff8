package responsesapi

import (
	"context"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/packages/ssestream"
	"github.com/openai/openai-go/v3/responses"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// StreamRun implements StreamBackend: CreateRun's background response, with
// stream=true. A retry adopts the turn through the conversation first, as
// CreateRun does, and hands it on as the stream's only event.
func (b *Backend) StreamRun(ctx context.Context, in activities.StartRunInput, key string, on func(activities.StreamEvent) error) error {
	params, err := b.runParams(in, key)
	if err != nil {
		return err
	}
	ad := startAdoption(in, key, params.Model)
	if activities.Retried(ctx) {
		if st, ok, err := b.adopt(ctx, in.ThreadID, ad); err != nil || ok {
			return adopted(st, err, on)
		}
	}
	return b.stream(ctx, params, ad, on)
}

// StreamSubmit implements StreamBackend: SubmitToolOutputs' next response of
// the run, with stream=true. Its events name the new response.
func (b *Backend) StreamSubmit(ctx context.Context, threadID, runID string, outputs []assistant.ToolOutput, run *activities.RunSettings, on func(activities.StreamEvent) error) error {
	prev, err := b.previous(ctx, runID, run)
	if err != nil {
		return err
	}
	ad := prev.adoption(outputs)
	if activities.Retried(ctx) {
		if st, ok, err := b.adopt(ctx, threadID, ad); err != nil || ok {
			return adopted(st, err, on)
		}
	}
	return b.stream(ctx, b.submitParams(threadID, prev, outputs), ad, on)
}

// ResumeStream implements ResumableStream: the events of a background
// response after sequence number after, and on until it ends. stream=true
// goes in the query, where the spec has it (openai-go's GetStreaming also
// sends it in a JSON body, which a GET does not carry to every server).
func (b *Backend) ResumeStream(ctx context.Context, _, runID string, after int64, on func(activities.StreamEvent) error) error {
	if _, ok := parseAdopted(runID); ok {
		return noResponse(runID)
	}
	return consumeResponseStream(b.client.Responses.GetStreaming(ctx, runID,
		responses.ResponseGetParams{StartingAfter: openai.Int(after)}, option.WithQuery("stream", "true")), on)
}

// stream posts the response with stream=true and feeds its events to on;
// conversation_locked is answered as create does.
func (b *Backend) stream(ctx context.Context, params responses.ResponseNewParams, ad adoption, on func(activities.StreamEvent) error) error {
	err := consumeResponseStream(b.client.Responses.NewStreaming(ctx, params), on)
	if !isConversationLocked(err) {
		return err
	}
	st, err := b.locked(ctx, params.Conversation.OfString.Value, ad)
	return adopted(st, err, on)
}

// adopted hands a turn adopted from the conversation on as a run event.
func adopted(st assistant.RunState, err error, on func(activities.StreamEvent) error) error {
	if err != nil {
		return err
	}
	return on(activities.StreamEvent{Type: "adopted", Run: &st})
}

// consumeResponseStream feeds every event to on, numbered, and closes the
// stream on every path. The stream ends after the terminal event.
func consumeResponseStream(stream *ssestream.Stream[responses.ResponseStreamEventUnion], on func(activities.StreamEvent) error) error {
	defer stream.Close()
	for stream.Next() {
		ev, err := responseEvent(stream.Current())
		if err != nil {
			return err
		}
		if err := on(ev); err != nil {
			return err
		}
	}
	return stream.Err()
}

// responseEvent translates one ResponseStreamEvent. Events the engine does
// not read (item and part boundaries, argument deltas, newer types) still go
// on with their sequence number, so a resume starts after them.
func responseEvent(e responses.ResponseStreamEventUnion) (activities.StreamEvent, error) {
	seq := e.SequenceNumber
	ev := activities.StreamEvent{Type: e.Type, Seq: &seq}
	switch e.Type {
	case "error":
		ev.Err = &assistant.RunError{Code: e.Code, Message: e.Message}
	case "response.output_text.delta":
		ev.Delta = e.Delta
	case "response.created", "response.queued", "response.in_progress",
		"response.completed", "response.failed", "response.incomplete":
		st, err := responseState(e.Response.RawJSON(), nil)
		if err != nil {
			return ev, err
		}
		ev.Run = &st
	}
	return ev, nil
}

// Backend streams, and resumes its streams.
var (
	_ activities.StreamBackend   = (*Backend)(nil)
	_ activities.ResumableStream = (*Backend)(nil)
)
