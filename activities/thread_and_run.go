package activities

import (
	"context"

	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// Create thread and run (RunRequest.CreateThreadAndRun): one request makes
// the thread, its messages and the run. A run is found after a lost answer
// by its idempotency key among its thread's runs, but here the thread is
// new and the API lists no threads: an answer lost before the thread was
// named leaves nothing to look in. So:
//
//   - the thread is recorded in the heartbeat details the moment it is
//     known (a stream's first event, or the answer), and a retry that finds
//     it there goes on as a start on that thread: it adopts the run by key,
//     or creates it without the messages the thread already holds;
//   - a retry that finds no thread sends the request again only when every
//     earlier attempt provably did nothing (refused with a 429, or never
//     written to the connection: refusals.go, unsent.go);
//   - otherwise the run fails with assistant.ErrorTypeStartUnknown: the
//     request is never sent twice, so there is never a second thread and
//     run, but the first may exist, unfollowed (README, "Start runs").

// ThreadRunner is a Backend that can create a thread and its first run in
// one request, the thread tagged with key, the run too. A backend whose
// protocol has no such request returns a non-retryable error saying why.
type ThreadRunner interface {
	CreateThreadAndRun(ctx context.Context, in StartRunInput, key string) (assistant.RunState, error)
}

// ThreadRunStreamer streams a create-thread-and-run: its first event names
// the thread (StreamEvent.ThreadID), then the run's events follow.
type ThreadRunStreamer interface {
	StreamThreadAndRun(ctx context.Context, in StartRunInput, key string, on func(StreamEvent) error) error
}

// createThreadAndRun sends the one request, on a first attempt or after
// attempts that provably did nothing. The thread goes into the progress
// carried by ctx (withRefusals), heartbeated with the run by follow.
func (a *Activities) createThreadAndRun(ctx context.Context, in StartRunInput) (assistant.RunState, error) {
	tr, ok := a.api.(ThreadRunner)
	if !ok {
		return assistant.RunState{}, temporal.NewNonRetryableApplicationError(
			"create_thread_and_run: this protocol backend cannot create a thread and a run in one request; leave it off",
			assistant.ErrorTypeInvalidInput, nil)
	}
	if Retried(ctx) {
		return assistant.RunState{}, startUnknown()
	}
	tctx, wrote := traceSend(ctx)
	st, err := tr.CreateThreadAndRun(tctx, in, in.IdempotencyKey)
	refused(ctx, err)
	unsent(ctx, err, wrote)
	if err != nil {
		return assistant.RunState{}, classify("create thread and run", err)
	}
	if prog := progressIn(ctx); prog != nil {
		prog.setThread(ctx, st.ThreadID, false) // follow heartbeats it with the run
	}
	return a.settle(ctx, st)
}

// onNamedThread turns a create-thread-and-run whose thread an earlier
// attempt named into a start on that thread (the run adopted by its key, or
// created without the messages the thread already holds).
func (a *Activities) onNamedThread(ctx context.Context, prog *streamProgress, in *StartRunInput) error {
	id := prog.thread()
	if !in.ThreadAndRun || id == "" {
		return nil
	}
	in.ThreadID, in.ThreadAndRun, in.MessagesOnThread = id, false, true
	if ts, ok := a.api.(ThreadStore); ok {
		msgs, _, err := ts.ListMessages(ctx, id, 1, "")
		if err != nil {
			return classify("list messages", err)
		}
		in.MessagesOnThread = len(msgs) > 0
	}
	return nil
}

// startUnknown is the failure of a retry that cannot tell whether an
// earlier attempt made the thread and run.
func startUnknown() error {
	return temporal.NewNonRetryableApplicationError(
		"create thread and run: an earlier attempt sent the request and lost the answer before the thread was named; "+
			"the API lists no threads, so the thread and run it may have made cannot be found, and the request is not sent again "+
			"(there is never a second run). Start the run again, or leave create_thread_and_run off: a run without it creates "+
			"its thread first, and is exactly once", assistant.ErrorTypeStartUnknown, nil)
}

// progressIn is the progress withRefusals put in ctx, or nil.
func progressIn(ctx context.Context) *streamProgress {
	prog, _ := ctx.Value(refusalsKey{}).(*streamProgress)
	return prog
}

// streamThreadAndRun streams a create-thread-and-run: the thread is
// heartbeated at its first event, then the run is consumed as any stream.
func (a *Activities) streamThreadAndRun(ctx context.Context, sb StreamBackend, in StartRunInput, prog *streamProgress) (assistant.RunState, error) {
	ts, ok := sb.(ThreadRunStreamer)
	if !ok {
		return a.createThreadAndRun(withRefusals(ctx, prog), in) // the backend's refusal, or poll mode
	}
	if Retried(ctx) {
		return assistant.RunState{}, startUnknown()
	}
	prog.makesThread = true
	var wrote func() bool
	st, err := a.consume(ctx, prog, func(sctx context.Context, on func(StreamEvent) error) error {
		tctx, w := traceSend(sctx)
		wrote = w
		return ts.StreamThreadAndRun(tctx, in, in.IdempotencyKey, on)
	})
	rctx := withRefusals(ctx, prog)
	refused(rctx, err)
	if wrote != nil {
		unsent(rctx, err, wrote)
	}
	return st, classify("stream thread and run", err)
}
