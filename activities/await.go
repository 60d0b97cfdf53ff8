package activities

import (
	"context"
	"time"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// AwaitRun waits until the run leaves queued/in_progress/cancelling: one
// heartbeating activity with the poll loop inside, so history stays flat
// however long the model thinks. On completion it also reads the reply.
func (a *Activities) AwaitRun(ctx context.Context, in AwaitRunInput) (st assistant.RunState, err error) {
	defer keepSteps(&st, in.IncludeSteps)
	stop := startHeartbeat(ctx, in.APIRunID)
	defer stop()
	st, err = a.pollUntil(ctx, in.ThreadID, in.APIRunID, in.PollAfterMs, func(s assistant.RunStatus) bool {
		return !s.Pending()
	})
	if err != nil {
		return assistant.RunState{}, err
	}
	return a.settle(ctx, st)
}

// pollUntil GETs the run until done says stop. The first poll honours the
// hint of the response that preceded the wait; later ones the latest hint,
// else a backoff growing by half up to PollMax.
func (a *Activities) pollUntil(ctx context.Context, threadID, runID string, pollAfterMs int64,
	done func(assistant.RunStatus) bool) (assistant.RunState, error) {
	delay := a.nextDelay(0, pollAfterMs)
	timer := time.NewTimer(delay)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return assistant.RunState{}, ctx.Err()
		case <-timer.C:
		}
		st, err := a.api.GetRun(ctx, threadID, runID)
		if err != nil {
			return assistant.RunState{}, classify("get run", err)
		}
		if done(st.Status) {
			return st, nil
		}
		delay = a.nextDelay(delay, st.PollAfterMs)
		timer.Reset(delay)
	}
}

func (a *Activities) nextDelay(prev time.Duration, pollAfterMs int64) time.Duration {
	if pollAfterMs > 0 {
		return time.Duration(pollAfterMs) * time.Millisecond
	}
	if prev <= 0 {
		return a.opts.PollInitial
	}
	return min(prev+prev/2, a.opts.PollMax)
}
