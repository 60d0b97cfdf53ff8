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

// threads runs one operation of the Threads workflow and waits.
func (c *Client) threads(ctx context.Context, in assistant.ThreadsInput) (assistant.ThreadsResult, error) {
	if err := in.Validate(); err != nil {
		return assistant.ThreadsResult{}, fmt.Errorf("invalid threads operation: %w", err)
	}
	summary := fmt.Sprintf("%s thread %s", in.Op, in.ThreadID)
	return runOperation[assistant.ThreadsResult](ctx, c, assistant.WorkflowThreads, string(in.Op), summary, in)
}
