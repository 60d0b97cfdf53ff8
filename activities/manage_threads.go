package activities

import (
	"context"
	"errors"
	"fmt"
	"maps"

	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// ManageThreads runs one operation of the Threads workflow: create a thread,
// read it, change its metadata, delete it, list its messages or runs; add,
// read or change a message; change a run's metadata; read a run step.
func (a *Activities) ManageThreads(ctx context.Context, in assistant.ThreadsInput) (assistant.ThreadsResult, error) {
	if err := in.Validate(); err != nil {
		return assistant.ThreadsResult{}, temporal.NewNonRetryableApplicationError(err.Error(), assistant.ErrorTypeInvalidInput, nil)
	}
	res, err := a.manageThread(ctx, in)
	if err != nil {
		return assistant.ThreadsResult{}, classify(string(in.Op)+" thread", err)
	}
	return res, nil
}

func (a *Activities) manageThread(ctx context.Context, in assistant.ThreadsInput) (assistant.ThreadsResult, error) {
	switch in.Op {
	case assistant.OpThreadCreate:
		return a.createThread(ctx, in)
	case assistant.OpMessageCreate, assistant.OpMessageGet, assistant.OpMessageUpdate:
		return a.manageMessage(ctx, in)
	case assistant.OpRunUpdate, assistant.OpStepGet:
		return a.manageRun(ctx, in)
	}
	store, err := backendAs[ThreadStore](a, "read threads")
	if err != nil {
		return assistant.ThreadsResult{}, err
	}
	limit := in.Limit
	if limit == 0 {
		limit = 20
	}
	switch in.Op {
	case assistant.OpThreadGet:
		t, err := store.GetThread(ctx, in.ThreadID)
		return assistant.ThreadsResult{Thread: &t}, err
	case assistant.OpThreadUpdate:
		t, err := store.UpdateThread(ctx, in.ThreadID, in.Metadata)
		return assistant.ThreadsResult{Thread: &t}, err
	case assistant.OpThreadDelete:
		return assistant.ThreadsResult{Deleted: true}, a.api.DeleteThread(ctx, in.ThreadID)
	case assistant.OpThreadMessages:
		msgs, next, err := store.ListMessages(ctx, in.ThreadID, limit, in.After)
		res := assistant.ThreadsResult{HasMore: next != "", Next: next}
		for _, m := range msgs {
			res.Messages = append(res.Messages, ListedMessage(m))
		}
		return res, err
	}
	runs, more, err := store.ListRuns(ctx, in.ThreadID, limit, in.After)
	res := assistant.ThreadsResult{Runs: runs, HasMore: more}
	if more && len(runs) > 0 {
		res.Next = runs[len(runs)-1].ID
	}
	return res, err
}

// backendAs is the backend as the optional interface an operation needs,
// or a non-retryable error naming what this protocol backend cannot do.
func backendAs[T any](a *Activities, what string) (T, error) {
	s, ok := a.api.(T)
	if !ok {
		return s, temporal.NewNonRetryableApplicationError("this protocol backend cannot "+what, assistant.ErrorTypeInvalidInput, nil)
	}
	return s, nil
}

// createThread makes a standalone thread tagged with the workflow's key.
// Threads cannot be listed, so a retry cannot find what an earlier attempt
// whose answer was lost made: it creates again, and the earlier one, if
// any, is an empty thread nobody was given (README, "Threads").
func (a *Activities) createThread(ctx context.Context, in assistant.ThreadsInput) (assistant.ThreadsResult, error) {
	maker, err := backendAs[ThreadMaker](a, "create threads")
	if err != nil {
		return assistant.ThreadsResult{}, err
	}
	if in.IdempotencyKey == "" {
		return assistant.ThreadsResult{}, temporal.NewNonRetryableApplicationError(
			"create thread: idempotency key is empty", assistant.ErrorTypeInvalidInput, nil)
	}
	meta := maps.Clone(in.Metadata)
	if meta == nil {
		meta = map[string]string{}
	}
	meta[MetadataKeyIdempotency] = in.IdempotencyKey
	t, err := maker.NewThread(ctx, meta)
	return assistant.ThreadsResult{Thread: &t}, err
}

// manageMessage adds, reads or changes one message. A create is exactly
// once: a retry first looks after the anchor (the newest message before
// the first attempt, in history) for the message an earlier attempt made.
func (a *Activities) manageMessage(ctx context.Context, in assistant.ThreadsInput) (assistant.ThreadsResult, error) {
	ms, err := backendAs[MessageStore](a, "add or read single messages")
	if err != nil {
		return assistant.ThreadsResult{}, err
	}
	var m assistant.ThreadMessage
	switch in.Op {
	case assistant.OpMessageGet:
		m, err = ms.GetMessage(ctx, in.ThreadID, in.MessageID)
	case assistant.OpMessageUpdate:
		m, err = ms.UpdateMessage(ctx, in.ThreadID, in.MessageID, in.Metadata)
	default:
		m, err = a.createMessage(ctx, ms, in)
	}
	if err != nil {
		return assistant.ThreadsResult{}, err
	}
	m = ReadMessage(m)
	return assistant.ThreadsResult{Message: &m}, nil
}

func (a *Activities) createMessage(ctx context.Context, ms MessageStore, in assistant.ThreadsInput) (assistant.ThreadMessage, error) {
	if in.IdempotencyKey == "" {
		return assistant.ThreadMessage{}, temporal.NewNonRetryableApplicationError(
			"message_create: idempotency key is empty", assistant.ErrorTypeInvalidInput, nil)
	}
	nm := NewMessage{Role: in.Role, Text: in.Text, Metadata: in.Metadata, Key: in.IdempotencyKey}
	if Retried(ctx) {
		m, ok, err := ms.FindMessage(ctx, in.ThreadID, in.Anchor, nm)
		if err != nil || ok {
			return m, err
		}
	}
	m, err := ms.CreateMessage(ctx, in.ThreadID, nm)
	if errors.Is(err, ErrRunActive) {
		return m, ThreadBusy(fmt.Sprintf("message_create: thread %s has an active run; waiting for it to end", in.ThreadID))
	}
	return m, err
}

// manageRun changes a run's metadata or reads one of its steps.
func (a *Activities) manageRun(ctx context.Context, in assistant.ThreadsInput) (assistant.ThreadsResult, error) {
	rs, err := backendAs[RunStore](a, "change runs or read run steps")
	if err != nil {
		return assistant.ThreadsResult{}, err
	}
	if in.Op == assistant.OpStepGet {
		s, err := rs.GetRunStep(ctx, in.ThreadID, in.RunID, in.StepID)
		return assistant.ThreadsResult{Step: &s}, err
	}
	r, err := rs.UpdateRun(ctx, in.ThreadID, in.RunID, in.Metadata)
	delete(r.Metadata, MetadataKeyIdempotency)
	return assistant.ThreadsResult{Run: &r}, err
}

// NewestMessageInput names the thread whose newest message to read.
type NewestMessageInput struct {
	ThreadID string `json:"thread_id"`
}

// NewestMessage reads the ID of a thread's newest message (item on the
// responses protocol), "" when it has none: the anchor the Threads workflow
// records before a message_create, after which a retry looks.
func (a *Activities) NewestMessage(ctx context.Context, in NewestMessageInput) (string, error) {
	ms, err := backendAs[MessageStore](a, "add or read single messages")
	if err != nil {
		return "", err
	}
	id, err := ms.NewestMessageID(ctx, in.ThreadID)
	return id, classify("read the newest message", err)
}
