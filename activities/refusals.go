package activities

import (
	"context"
	"net/http"

	"go.temporal.io/sdk/activity"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// A retry of a create or submit first looks for what an earlier attempt may
// have done and lost the answer to (adoption). On the Responses protocol a
// create is recognised by its user text, so a retry could take the previous
// turn for its own when the texts match ("yes", "continue"). Yet an attempt
// refused with a 429 did nothing: when every earlier attempt was refused,
// there is nothing to look for. Each refusal is recorded in the heartbeat
// details (which the SDK flushes with the failure); a record lost or missing
// only ever makes the retry look, never skip a look it needs.

// Retried reports whether an earlier attempt may have made this request:
// a retry, unless every earlier attempt was refused.
func Retried(ctx context.Context) bool {
	if !activity.IsActivity(ctx) {
		return false
	}
	attempt := activity.GetInfo(ctx).Attempt
	return attempt > 1 && refusedThrough(ctx) < attempt-1
}

// withRefusals makes refused (below) record in prog's details.
func withRefusals(ctx context.Context, prog *streamProgress) context.Context {
	return context.WithValue(ctx, refusalsKey{}, prog)
}

type refusalsKey struct{}

// refused is called with the raw answer of the very request that would
// create or submit: a 429 there means this attempt did nothing. It records
// so when every earlier attempt was refused too. (A 429 on a later read,
// after the request went through, must not count: hence at the call site.)
func refused(ctx context.Context, err error) {
	if StatusOf(err) == http.StatusTooManyRequests {
		recordRefusal(ctx)
	}
}

// recordRefusal records that this attempt did nothing, when every earlier
// attempt did nothing too.
func recordRefusal(ctx context.Context) {
	prog, ok := ctx.Value(refusalsKey{}).(*streamProgress)
	if !ok || !activity.IsActivity(ctx) {
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
	var p assistant.FollowProgress
	if !activity.HasHeartbeatDetails(ctx) || activity.GetHeartbeatDetails(ctx, &p) != nil {
		return 0
	}
	return p.RefusedThrough
}
