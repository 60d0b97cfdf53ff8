package activities

import (
	"context"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// StreamBackend is a Backend that can also stream: it creates a run, or
// submits tool outputs, with stream=true and hands every event it knows to on,
// in order, until the stream ends or on returns an error (which it returns).
// A stream that ends cleanly returns nil whether or not a terminal event came:
// judging that is the activity's job. A Backend without it runs in poll mode.
type StreamBackend interface {
	StreamRun(ctx context.Context, in StartRunInput, key string, on func(StreamEvent) error) error
	StreamSubmit(ctx context.Context, threadID, runID string, outputs []assistant.ToolOutput, run *RunSettings, on func(StreamEvent) error) error
}

// ResumableStream is a StreamBackend whose streams can be joined again
// after an event (the Responses API's GET ?stream=true&starting_after=N), so
// a retry re-attaches to the stream instead of polling.
type ResumableStream interface {
	ResumeStream(ctx context.Context, threadID, runID string, after int64, on func(StreamEvent) error) error
}

// StreamEvent is one wire event translated; at most one field besides Type
// and Seq is set (none for an event that only advances the stream).
type StreamEvent struct {
	// Type is the wire event name, for logs.
	Type string
	// Seq is the event's sequence number where the protocol numbers events
	// (Responses); a resumed stream starts after the last one handled.
	Seq *int64
	// Run is a run event's run (created, queued, ..., requires_action, completed).
	Run *assistant.RunState
	// ThreadID names the thread a create-thread-and-run stream made (its
	// first event), before the run exists.
	ThreadID string
	// Delta is a piece of the assistant's message text.
	Delta string
	// Message is a completed assistant message's text and annotations.
	Message *assistant.Reply
	// Step is a run step that ended (assistants: thread.run.step.completed).
	Step *assistant.RunStep
	// Err is an `event: error`.
	Err *assistant.RunError
}

// StreamRunInput creates a run (Start) or submits tool outputs (Submit) with
// stream=true; exactly one is set.
type StreamRunInput struct {
	Start  *StartRunInput          `json:"start,omitempty"`
	Submit *SubmitToolOutputsInput `json:"submit,omitempty"`
}

// includeSteps is the IncludeSteps of the start or submit.
func (in StreamRunInput) includeSteps() bool {
	return in.Start != nil && in.Start.IncludeSteps || in.Submit != nil && in.Submit.IncludeSteps
}

// MaxStreamText caps assistant.FollowProgress.Text: the newest bytes are kept.
const MaxStreamText = 16 << 10
