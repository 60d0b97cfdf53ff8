package activities

import (
	"context"
	"errors"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"
)

// A retry of a create or submit first looks for what an earlier attempt may
// have done and lost the answer to (adoption). On the Responses protocol a
// create is recognised by its user text, so a retry could take the previous
// turn for its own when the texts match ("yes", "continue"). Yet an attempt
// refused with a 429 did nothing: when every earlier attempt was refused,
// there is nothing to look for. Each refusal is recorded in the heartbeat
// details (which the SDK flushes with the failure); a record lost or missing
// only ever makes the retry look, never skip a look it needs.

// retried reports whether an earlier attempt may have made this request:
// a retry, unless every earlier attempt was refused.
func retried(ctx context.Context) bool {
	if !activity.IsActivity(ctx) {
		return false
	}
	attempt := activity.GetInfo(ctx).Attempt
	return attempt > 1 && refusedThrough(ctx) < attempt-1
}

// noteRefusal records that this attempt's request was refused (a 429), when
// every earlier one was too.
func noteRefusal(ctx context.Context, prog *streamProgress, err error) {
	var app *temporal.ApplicationError
	if !activity.IsActivity(ctx) || !errors.As(err, &app) || app.Type() != ErrRateLimited {
		return
	}
	attempt := activity.GetInfo(ctx).Attempt
	prog.mu.Lock()
	if prog.p.RefusedThrough != attempt-1 {
		prog.mu.Unlock()
		return
	}
	prog.p.RefusedThrough = attempt
	prog.mu.Unlock()
	activity.RecordHeartbeat(ctx, prog.details()...)
}

// refusedThrough reads the refusals recorded by earlier attempts.
func refusedThrough(ctx context.Context) int32 {
	var p StreamProgress
	if !activity.HasHeartbeatDetails(ctx) || activity.GetHeartbeatDetails(ctx, &p) != nil {
		return 0
	}
	return p.RefusedThrough
}
