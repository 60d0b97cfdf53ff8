package activities

import (
	"context"
	"errors"
	"fmt"

	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// StartRun creates the run with the user's message in the same request, and
// with in.Follow follows it to requires_action or its end (see follow).
// Exactly once: the run carries the idempotency key in its metadata, and a
// retry (whose earlier attempt may have created the run and lost the answer)
// first adopts the run with that key.
func (a *Activities) StartRun(ctx context.Context, in StartRunInput) (st assistant.RunState, err error) {
	defer keepSteps(&st, in.IncludeSteps)
	if err := a.runTools(&in); err != nil {
		return assistant.RunState{}, err
	}
	if in.Follow {
		return a.startAndFollow(ctx, in)
	}
	return a.startRun(ctx, in)
}

func (a *Activities) startRun(ctx context.Context, in StartRunInput) (assistant.RunState, error) {
	if in.IdempotencyKey == "" {
		return assistant.RunState{}, temporal.NewNonRetryableApplicationError(
			"start run: idempotency key is empty", assistant.ErrorTypeInvalidInput, nil)
	}
	if in.ThreadAndRun {
		return a.createThreadAndRun(ctx, in)
	}
	if Retried(ctx) {
		if st, ok, err := a.api.FindRun(ctx, in.ThreadID, in.IdempotencyKey); err != nil {
			return assistant.RunState{}, classify("find run", err)
		} else if ok {
			logger(ctx, in.ThreadID, st.APIRunID).Info("Adopted run created by an earlier attempt")
			return a.settle(ctx, st)
		}
	}
	st, err := a.api.CreateRun(ctx, in, in.IdempotencyKey)
	refused(ctx, err)
	if err == nil {
		return a.settle(ctx, st)
	}
	if errors.Is(err, ErrRunActive) {
		return a.adoptOrWait(ctx, in)
	}
	return assistant.RunState{}, classify("create run", err)
}

// adoptOrWait resolves ErrRunActive: the active run is ours
// when it carries our key (an attempt lost its answer), else it is someone
// else's and the create waits for it to end, as a retryable error.
func (a *Activities) adoptOrWait(ctx context.Context, in StartRunInput) (assistant.RunState, error) {
	st, ok, err := a.api.FindRun(ctx, in.ThreadID, in.IdempotencyKey)
	if err != nil {
		return assistant.RunState{}, classify("find run", err)
	}
	if ok {
		return a.settle(ctx, st)
	}
	return assistant.RunState{}, ThreadBusy(
		fmt.Sprintf("create run: thread %s has another active run; waiting for it to end", in.ThreadID))
}
