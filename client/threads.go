package client

import (
	"context"
	"fmt"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// GetThread reads a thread (a conversation on the responses protocol).
func (c *Client) GetThread(ctx context.Context, threadID string) (assistant.ThreadInfo, error) {
	res, err := c.threads(ctx, assistant.ThreadsInput{Op: assistant.OpThreadGet, ThreadID: threadID})
	if res.Thread == nil {
		return assistant.ThreadInfo{}, err
	}
	return *res.Thread, err
}

// UpdateThread sets a thread's metadata (the whole of it).
func (c *Client) UpdateThread(ctx context.Context, threadID string, metadata map[string]string) (assistant.ThreadInfo, error) {
	res, err := c.threads(ctx, assistant.ThreadsInput{Op: assistant.OpThreadUpdate, ThreadID: threadID, Metadata: metadata})
	if res.Thread == nil {
		return assistant.ThreadInfo{}, err
	}
	return *res.Thread, err
}

// DeleteThread deletes a thread.
func (c *Client) DeleteThread(ctx context.Context, threadID string) error {
	_, err := c.threads(ctx, assistant.ThreadsInput{Op: assistant.OpThreadDelete, ThreadID: threadID})
	return err
}

// ListMessages reads a page of a thread's messages, newest first: at most
// limit (0: 20, at most 100) after the message after (""). Texts are cut to
// assistant.MaxListedMessageBytes encoded.
func (c *Client) ListMessages(ctx context.Context, threadID string, limit int, after string) (assistant.ThreadsResult, error) {
	return c.threads(ctx, assistant.ThreadsInput{Op: assistant.OpThreadMessages, ThreadID: threadID, Limit: limit, After: after})
}

// ListRuns reads a page of a thread's runs, newest first (assistants
// protocol only: the Responses API cannot list a conversation's responses).
func (c *Client) ListRuns(ctx context.Context, threadID string, limit int, after string) (assistant.ThreadsResult, error) {
	return c.threads(ctx, assistant.ThreadsInput{Op: assistant.OpThreadRuns, ThreadID: threadID, Limit: limit, After: after})
}

// ThreadsOption changes how a thread operation is started.
type ThreadsOption func(*threadsOptions)

type threadsOptions struct{ key string }

// maxOperationKey bounds WithOperationKey's key, which names a workflow.
const maxOperationKey = 200

// WithOperationKey names the operation by a key of the caller's: the same
// key (for the same operation) is the same workflow, so a call repeated
// after its answer was lost returns the first call's result instead of
// doing it again (while Temporal keeps the workflow: the namespace's
// retention). Without it every call is a new workflow.
func WithOperationKey(key string) ThreadsOption {
	return func(o *threadsOptions) { o.key = key }
}

// threads runs one operation of the Threads workflow and waits.
func (c *Client) threads(ctx context.Context, in assistant.ThreadsInput, opts ...ThreadsOption) (assistant.ThreadsResult, error) {
	if err := in.Validate(); err != nil {
		return assistant.ThreadsResult{}, fmt.Errorf("invalid threads operation: %w", err)
	}
	var o threadsOptions
	for _, f := range opts {
		f(&o)
	}
	summary := fmt.Sprintf("%s thread %s", in.Op, in.ThreadID)
	if o.key == "" {
		return runOperation[assistant.ThreadsResult](ctx, c, assistant.WorkflowThreads, string(in.Op), summary, in)
	}
	if len(o.key) > maxOperationKey {
		return assistant.ThreadsResult{}, fmt.Errorf("invalid operation key: %d bytes; the limit is %d", len(o.key), maxOperationKey)
	}
	id := "threads-" + string(in.Op) + "-key-" + o.key
	if in.ThreadID != "" { // a key is the caller's per thread
		id = "threads-" + string(in.Op) + "-" + in.ThreadID + "-key-" + o.key
	}
	return runOperation[assistant.ThreadsResult](ctx, c, assistant.WorkflowThreads, string(in.Op), summary, in, namedOnce(id))
}
