package client

import (
	"context"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// CreateThread creates an empty thread (a conversation on the responses
// protocol) with metadata, and returns it. The thread carries the
// workflow's idempotency key in its metadata (da_idempotency_key).
func (c *Client) CreateThread(ctx context.Context, metadata map[string]string, opts ...ThreadsOption) (assistant.ThreadInfo, error) {
	res, err := c.threads(ctx, assistant.ThreadsInput{Op: assistant.OpThreadCreate, Metadata: metadata}, opts...)
	if res.Thread == nil {
		return assistant.ThreadInfo{}, err
	}
	return *res.Thread, err
}

// CreateMessage adds a message (role "user" or "assistant") to a thread,
// exactly once: a retry of the worker's create looks for the message an
// earlier attempt made before making it. Metadata is refused on the
// responses protocol (items keep none). WithOperationKey makes a repeated
// call return the first one's message.
func (c *Client) CreateMessage(ctx context.Context, threadID, role, text string, metadata map[string]string, opts ...ThreadsOption) (assistant.ThreadMessage, error) {
	in := assistant.ThreadsInput{Op: assistant.OpMessageCreate, ThreadID: threadID, Role: role, Text: text, Metadata: metadata}
	return message(c.threads(ctx, in, opts...))
}

// GetMessage reads one message of a thread, its text cut to
// assistant.MaxReadMessageBytes encoded.
func (c *Client) GetMessage(ctx context.Context, threadID, messageID string) (assistant.ThreadMessage, error) {
	return message(c.threads(ctx, assistant.ThreadsInput{Op: assistant.OpMessageGet, ThreadID: threadID, MessageID: messageID}))
}

// UpdateMessage sets a message's metadata (the whole of it); refused on the
// responses protocol, whose items cannot be changed.
func (c *Client) UpdateMessage(ctx context.Context, threadID, messageID string, metadata map[string]string) (assistant.ThreadMessage, error) {
	in := assistant.ThreadsInput{Op: assistant.OpMessageUpdate, ThreadID: threadID, MessageID: messageID, Metadata: metadata}
	return message(c.threads(ctx, in))
}

// UpdateRun sets a run's metadata (the whole of it; the engine's
// idempotency key is kept); refused on the responses protocol.
func (c *Client) UpdateRun(ctx context.Context, threadID, runID string, metadata map[string]string) (assistant.ThreadRun, error) {
	res, err := c.threads(ctx, assistant.ThreadsInput{Op: assistant.OpRunUpdate, ThreadID: threadID, RunID: runID, Metadata: metadata})
	if res.Run == nil {
		return assistant.ThreadRun{}, err
	}
	return *res.Run, err
}

// GetRunStep reads one step of a run (on the responses protocol, an output
// item of the conversation), its calls cut as Result.Steps' are.
func (c *Client) GetRunStep(ctx context.Context, threadID, runID, stepID string) (assistant.RunStep, error) {
	res, err := c.threads(ctx, assistant.ThreadsInput{Op: assistant.OpStepGet, ThreadID: threadID, RunID: runID, StepID: stepID})
	if res.Step == nil {
		return assistant.RunStep{}, err
	}
	return *res.Step, err
}

func message(res assistant.ThreadsResult, err error) (assistant.ThreadMessage, error) {
	if res.Message == nil {
		return assistant.ThreadMessage{}, err
	}
	return *res.Message, err
}
