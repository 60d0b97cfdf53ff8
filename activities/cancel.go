package activities

import (
	"context"
	"net/http"

	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// CancelRun cancels the run at the API and waits until it is terminal.
// Cancelling twice, or a run that already ended, is fine. Without a run ID
// the run is found by its idempotency key; no run found, nothing to cancel.
func (a *Activities) CancelRun(ctx context.Context, in CancelRunInput) (st assistant.RunState, err error) {
	defer keepSteps(&st, in.IncludeSteps)
	stop := startHeartbeat(ctx, in.APIRunID)
	defer stop()
	if in.APIRunID == "" {
		if in.IdempotencyKey == "" {
			return assistant.RunState{}, temporal.NewNonRetryableApplicationError(
				"cancel run: neither a run ID nor an idempotency key", assistant.ErrorTypeInvalidInput, nil)
		}
		if tw, ok := a.api.(TurnWaiter); ok { // no run to find by key there
			return a.awaitTurnEnd(ctx, tw, in.ThreadID)
		}
		found, ok, err := a.api.FindRun(ctx, in.ThreadID, in.IdempotencyKey)
		if err != nil {
			return assistant.RunState{}, classify("find run", err)
		}
		if !ok {
			return assistant.RunState{ThreadID: in.ThreadID}, nil
		}
		in.APIRunID = found.APIRunID
	}
	st, err = a.api.CancelRun(ctx, in.ThreadID, in.APIRunID)
	if err != nil {
		if StatusOf(err) != http.StatusBadRequest {
			return assistant.RunState{}, classify("cancel run", err)
		}
		// 400: the run is already terminal (or cancelling); read where it is.
		if st, err = a.api.GetRun(ctx, in.ThreadID, in.APIRunID); err != nil {
			return assistant.RunState{}, classify("get run", err)
		}
	}
	if st.Status.Terminal() {
		return st, nil
	}
	return a.pollUntil(ctx, in.ThreadID, in.APIRunID, st.PollAfterMs, func(s assistant.RunStatus) bool {
		return s.Terminal()
	})
}
