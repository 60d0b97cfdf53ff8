package activities

import (
	"context"
	"net/http"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// CancelRun cancels the run at the API and waits until it is terminal.
// Cancelling twice, or a run that already ended, is fine.
func (a *Activities) CancelRun(ctx context.Context, in CancelRunInput) (assistant.RunState, error) {
	stop := startHeartbeat(ctx, in.RunID)
	defer stop()
	st, err := a.api.CancelRun(ctx, in.ThreadID, in.RunID)
	if err != nil {
		if statusOf(err) != http.StatusBadRequest {
			return assistant.RunState{}, classify("cancel run", err)
		}
		// 400: the run is already terminal (or cancelling); read where it is.
		if st, err = a.api.GetRun(ctx, in.ThreadID, in.RunID); err != nil {
			return assistant.RunState{}, classify("get run", err)
		}
	}
	if st.Status.Terminal() {
		return st, nil
	}
	return a.pollUntil(ctx, in.ThreadID, in.RunID, st.PollAfterMs, func(s assistant.RunStatus) bool {
		return s.Terminal()
	})
}
