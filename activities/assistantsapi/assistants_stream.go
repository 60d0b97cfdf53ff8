package assistantsapi

import (
	"context"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/packages/ssestream"
	"github.com/openai/openai-go/v3/shared"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// StreamRun implements StreamBackend: the create-run request of CreateRun,
// with stream=true.
func (b *Backend) StreamRun(ctx context.Context, in activities.StartRunInput, key string, on func(activities.StreamEvent) error) error {
	return consumeAssistantStream(b.client.Beta.Threads.Runs.NewStreaming(ctx, in.ThreadID, runParams(in, key)), on)
}

// StreamSubmit implements StreamBackend.
func (b *Backend) StreamSubmit(ctx context.Context, threadID, runID string, outputs []assistant.ToolOutput, _ *activities.RunSettings, on func(activities.StreamEvent) error) error {
	return consumeAssistantStream(b.client.Beta.Threads.Runs.SubmitToolOutputsStreaming(ctx, threadID, runID, submitParams(outputs)), on)
}

// consumeAssistantStream feeds the known events to on and closes the stream
// on every path. `data: [DONE]` ends it cleanly; unknown events are skipped.
func consumeAssistantStream(stream *ssestream.Stream[openai.AssistantStreamEventUnion], on func(activities.StreamEvent) error) error {
	defer stream.Close()
	for stream.Next() {
		ev, ok, err := assistantEvent(stream.Current())
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if err := on(ev); err != nil {
			return err
		}
	}
	return activeRun(stream.Err())
}

// assistantEvent translates one wire event; ok is false for events the
// engine does not need (step deltas, message events of user messages) and
// for unknown ones.
func assistantEvent(e openai.AssistantStreamEventUnion) (activities.StreamEvent, bool, error) {
	ev := activities.StreamEvent{Type: e.Event}
	raw := []byte(e.JSON.Data.Raw())
	switch {
	case e.Event == "error":
		var eo shared.ErrorObject
		if err := eo.UnmarshalJSON(raw); err != nil {
			return ev, false, err
		}
		ev.Err = &assistant.RunError{Code: eo.Code, Message: eo.Message}
	case e.Event == "thread.created": // a create-thread-and-run's first event
		var t openai.Thread
		if err := t.UnmarshalJSON(raw); err != nil {
			return ev, false, err
		}
		ev.ThreadID = t.ID
		return ev, t.ID != "", nil
	case e.Event == "thread.message.delta":
		var d openai.MessageDeltaEvent
		if err := d.UnmarshalJSON(raw); err != nil {
			return ev, false, err
		}
		for _, c := range d.Delta.Content {
			if c.Type == "text" {
				ev.Delta += c.Text.Value
			}
		}
		return ev, ev.Delta != "", nil
	case e.Event == "thread.message.completed":
		var m openai.Message
		if err := m.UnmarshalJSON(raw); err != nil {
			return ev, false, err
		}
		if m.Role != "assistant" {
			return ev, false, nil
		}
		var r assistant.Reply
		addReply(&r, m)
		ev.Message = &r
	case stepEvents[e.Event]:
		var st openai.RunStep
		if err := st.UnmarshalJSON(raw); err != nil {
			return ev, false, err
		}
		step := runStep(st)
		ev.Step = &step
	case runEvents[e.Event]:
		var r openai.Run
		if err := r.UnmarshalJSON(raw); err != nil {
			return ev, false, err
		}
		st, err := runState(&r, nil)
		if err != nil {
			return ev, false, err
		}
		ev.Run = &st
	default:
		return ev, false, nil
	}
	return ev, true, nil
}

// stepEvents carry a whole run step: the stream carries the run's steps,
// so a streamed run needs no request to list them. A later event of the
// same step replaces an earlier one (created, then completed).
var stepEvents = map[string]bool{
	"thread.run.step.created": true, "thread.run.step.in_progress": true, "thread.run.step.completed": true, "thread.run.step.failed": true,
	"thread.run.step.cancelled": true, "thread.run.step.expired": true,
}

// runEvents are the run events of the spec's RunStreamEvent; a newer one
// this code does not know is skipped rather than misread.
var runEvents = map[string]bool{
	"thread.run.created": true, "thread.run.queued": true, "thread.run.in_progress": true,
	"thread.run.requires_action": true, "thread.run.completed": true, "thread.run.incomplete": true,
	"thread.run.failed": true, "thread.run.cancelling": true, "thread.run.cancelled": true,
	"thread.run.expired": true,
}
