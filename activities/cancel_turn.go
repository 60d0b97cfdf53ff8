package activities

import (
	"context"
	"time"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// cancelByKeyWait bounds how long a cancel by key waits, on a backend that
// cannot find a run by key (TurnWaiter: Responses), for the turn running on
// the thread to end (README, "Two protocols, one engine").
const cancelByKeyWait = 5 * time.Minute

// awaitTurnEnd is CancelRun by key on a TurnWaiter: it returns once no turn
// runs on the thread, or after cancelByKeyWait.
func (a *Activities) awaitTurnEnd(ctx context.Context, b TurnWaiter, threadID string) (assistant.RunState, error) {
	deadline := time.Now().Add(cancelByKeyWait)
	delay, waited := time.Duration(0), false
	for {
		running, err := b.TurnRunning(ctx, threadID)
		if err != nil {
			return assistant.RunState{}, classify("read the thread's newest item", err)
		}
		if !running || time.Now().After(deadline) {
			if running {
				logger(ctx, threadID, "").Warn("Gave up waiting for the turn running on the thread to end; it cannot be cancelled by key", "Waited", cancelByKeyWait)
			}
			return assistant.RunState{ThreadID: threadID}, nil
		}
		if !waited {
			logger(ctx, threadID, "").Info("A turn still runs on the thread and has no run ID to cancel by; waiting for it to end")
			waited = true
		}
		delay = a.nextDelay(delay, 0)
		select {
		case <-ctx.Done():
			return assistant.RunState{}, ctx.Err()
		case <-time.After(delay):
		}
	}
}
