package activities

import (
	"context"
	"time"

	"go.temporal.io/sdk/activity"
)

// startHeartbeat heartbeats on its own ticker until stop is called, so a
// silent upstream or a slow tool never looks like a dead worker, while a dead
// worker is still noticed within the heartbeat timeout. The details (the run
// ID) let a retry resume where this attempt was.
func startHeartbeat(ctx context.Context, details ...any) (stop func()) {
	return heartbeatWith(ctx, func() []any { return details })
}

// heartbeatWith is startHeartbeat with details read afresh at every beat.
func heartbeatWith(ctx context.Context, details func() []any) (stop func()) {
	if !activity.IsActivity(ctx) {
		return func() {}
	}
	every := activity.GetInfo(ctx).HeartbeatTimeout / 3
	if every <= 0 {
		every = 5 * time.Second
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	activity.RecordHeartbeat(ctx, details()...)
	go func() {
		defer close(finished)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				activity.RecordHeartbeat(ctx, details()...)
			}
		}
	}()
	return func() { close(done); <-finished }
}
