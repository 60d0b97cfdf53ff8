package activities

import (
	"context"
	"net/http"
)

// CreateThread creates the empty thread a run goes on. It is its own step so
// the thread ID is in history before any run exists: a retry at worst leaves
// an empty orphan thread, never a second run.
func (a *Activities) CreateThread(ctx context.Context, _ CreateThreadInput) (CreateThreadResult, error) {
	id, err := a.api.CreateThread(ctx)
	if err != nil {
		return CreateThreadResult{}, classify("create thread", err)
	}
	return CreateThreadResult{ThreadID: id}, nil
}

// DeleteThreadInput names the thread to delete.
type DeleteThreadInput struct {
	ThreadID string `json:"thread_id"`
}

// DeleteThread deletes a thread at the API, e.g. when a conversation ends
// idle. A thread that is already gone counts as deleted, so retries are safe.
func (a *Activities) DeleteThread(ctx context.Context, in DeleteThreadInput) error {
	err := a.api.DeleteThread(ctx, in.ThreadID)
	if err != nil && StatusOf(err) != http.StatusNotFound {
		return classify("delete thread", err)
	}
	return nil
}
