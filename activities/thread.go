package activities

import "context"

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
