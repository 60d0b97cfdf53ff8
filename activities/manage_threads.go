package activities

import (
	"context"

	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// ManageThreads runs one operation of the Threads workflow: read a thread,
// change its metadata, delete it, list its messages or runs.
func (a *Activities) ManageThreads(ctx context.Context, in assistant.ThreadsInput) (assistant.ThreadsResult, error) {
	if err := in.Validate(); err != nil {
		return assistant.ThreadsResult{}, temporal.NewNonRetryableApplicationError(err.Error(), assistant.ErrorTypeInvalidInput, nil)
	}
	store, ok := a.api.(ThreadStore)
	if !ok {
		return assistant.ThreadsResult{}, temporal.NewNonRetryableApplicationError(
			"this protocol backend cannot read threads", assistant.ErrorTypeInvalidInput, nil)
	}
	res, err := a.manageThread(ctx, store, in)
	if err != nil {
		return assistant.ThreadsResult{}, classify(string(in.Op)+" thread", err)
	}
	return res, nil
}

func (a *Activities) manageThread(ctx context.Context, store ThreadStore, in assistant.ThreadsInput) (assistant.ThreadsResult, error) {
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
