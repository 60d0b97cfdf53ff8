package activities

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"time"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// errStreamDone stops the stream at the event that settles the activity.
var errStreamDone = errors.New("stream reached requires_action or a terminal status")

// errStreamEnded is the cause of a stream that ended cleanly without a
// terminal event (a cancelled response's stream has none).
var errStreamEnded = errors.New("the stream ended without a terminal event")

// StreamRun creates the run (in.Start) or submits tool outputs (in.Submit)
// with stream=true and consumes the events until requires_action or a
// terminal status, returning the same RunState AwaitRun would. Reply deltas
// go to the DeltaSink and to the heartbeat details (never to history).
// Exactly once: a retry never streams a second create; it re-attaches to the
// run named in the heartbeat details, or found by its idempotency key: by
// resuming its stream after the last event handled where the protocol can
// (Responses), else by polling it. A backend that cannot stream falls back
// to poll mode.
func (a *Activities) StreamRun(ctx context.Context, in StreamRunInput) (st assistant.RunState, err error) {
	defer keepSteps(&st, in.includeSteps())
	if (in.Start == nil) == (in.Submit == nil) {
		return assistant.RunState{}, temporal.NewNonRetryableApplicationError(
			"stream run: exactly one of start and submit must be set", assistant.ErrorTypeInvalidInput, nil)
	}
	if in.Start != nil {
		start := *in.Start
		if err := a.runTools(&start); err != nil {
			return assistant.RunState{}, err
		}
		in.Start = &start
	}
	sb, ok := a.api.(StreamBackend)
	if !ok {
		if activity.IsActivity(ctx) {
			activity.GetLogger(ctx).Info("This protocol backend cannot stream; following the run in poll mode")
		}
		if in.Start != nil {
			return a.StartRun(ctx, *in.Start)
		}
		return a.SubmitToolOutputs(ctx, *in.Submit)
	}
	prog := a.resume(ctx, in)
	stop := heartbeatWith(ctx, prog.details)
	defer stop()
	if in.Start != nil {
		st, err = a.streamStart(ctx, sb, *in.Start, prog)
	} else {
		st, err = a.streamSubmit(ctx, sb, *in.Submit, prog)
	}
	return st, withProgress(err, prog)
}

// resume starts the progress from an earlier attempt's heartbeat details.
func (a *Activities) resume(ctx context.Context, in StreamRunInput) *streamProgress {
	prog := &streamProgress{}
	if in.Start != nil {
		prog.threadID = in.Start.ThreadID
	} else {
		prog.threadID, prog.p.APIRunID = in.Submit.ThreadID, in.Submit.APIRunID
	}
	if activity.IsActivity(ctx) && activity.HasHeartbeatDetails(ctx) {
		var last assistant.FollowProgress
		if activity.GetHeartbeatDetails(ctx, &last) == nil {
			if !a.pollable(last.APIRunID) { // none, or an adopted turn: adopted again
				last.APIRunID, last.LastEvent = prog.p.APIRunID, nil
			}
			prog.p = last
			if last.ThreadID != "" { // a thread a create-thread-and-run named
				prog.threadID = last.ThreadID
			}
		}
	}
	return prog
}

func (a *Activities) streamStart(ctx context.Context, sb StreamBackend, in StartRunInput, prog *streamProgress) (assistant.RunState, error) {
	if in.IdempotencyKey == "" {
		return assistant.RunState{}, temporal.NewNonRetryableApplicationError(
			"stream run: idempotency key is empty", assistant.ErrorTypeInvalidInput, nil)
	}
	if err := a.onNamedThread(ctx, prog, &in); err != nil {
		return assistant.RunState{}, err
	}
	if in.ThreadAndRun {
		return a.streamThreadAndRun(ctx, sb, in, prog)
	}
	if again(ctx) {
		runID := prog.runID()
		if runID == "" {
			st, ok, err := a.api.FindRun(ctx, in.ThreadID, in.IdempotencyKey)
			if err != nil {
				return assistant.RunState{}, classify("find run", err)
			}
			runID = st.APIRunID
			if !ok {
				runID = ""
			}
		}
		if runID != "" {
			return a.reattach(ctx, prog, in.ThreadID, runID)
		}
	}
	st, err := a.consume(ctx, prog, func(sctx context.Context, on func(StreamEvent) error) error {
		return sb.StreamRun(sctx, in, in.IdempotencyKey, on)
	})
	if errors.Is(err, ErrRunActive) {
		adopted, aerr := a.adoptOrWait(ctx, in)
		if aerr != nil || !adopted.Status.Pending() {
			return adopted, aerr
		}
		return a.reattach(ctx, prog, in.ThreadID, adopted.APIRunID)
	}
	refused(withRefusals(ctx, prog), err)
	return st, classify("stream run", err)
}

func (a *Activities) streamSubmit(ctx context.Context, sb StreamBackend, in SubmitToolOutputsInput, prog *streamProgress) (assistant.RunState, error) {
	if again(ctx) {
		// On the Responses protocol the submit creates the run's next
		// response: an earlier attempt that saw it named it in the details.
		if id := prog.runID(); id != "" && id != in.APIRunID {
			return a.reattach(ctx, prog, in.ThreadID, id)
		}
		// An adopted turn has no response to read: the submit itself finds
		// outputs an earlier attempt placed (Responses adoption).
		if a.pollable(in.APIRunID) {
			cur, err := a.api.GetRun(ctx, in.ThreadID, in.APIRunID)
			if err != nil {
				return assistant.RunState{}, classify("get run", err)
			}
			if !awaitsOutputs(cur, in.Outputs) {
				return a.reattach(ctx, prog, in.ThreadID, in.APIRunID)
			}
		}
	}
	st, err := a.consume(ctx, prog, func(sctx context.Context, on func(StreamEvent) error) error {
		return sb.StreamSubmit(sctx, in.ThreadID, in.APIRunID, in.Outputs, in.Run, on)
	})
	if StatusOf(err) == http.StatusBadRequest {
		// An earlier attempt's submit was accepted: the run moved on.
		cur, gerr := a.api.GetRun(ctx, in.ThreadID, in.APIRunID)
		if gerr == nil && !awaitsOutputs(cur, in.Outputs) {
			return a.reattach(ctx, prog, in.ThreadID, in.APIRunID)
		}
	}
	refused(withRefusals(ctx, prog), err)
	return st, classify("stream submit", err)
}

// again reports whether an earlier attempt ran: a retry, or heartbeat
// details left by one.
func again(ctx context.Context) bool {
	return Retried(ctx) || (activity.IsActivity(ctx) && activity.HasHeartbeatDetails(ctx))
}

// reattach follows a run an earlier attempt started streaming: by resuming
// its stream after the last event handled, when the backend can and the
// details say where that was, else by polling. A resumed stream that ends
// without a terminal event, or that the API refuses, is settled by polling.
func (a *Activities) reattach(ctx context.Context, prog *streamProgress, threadID, runID string) (assistant.RunState, error) {
	if rs, ok := a.api.(ResumableStream); ok {
		if after, ok := prog.cursor(runID); ok {
			if activity.IsActivity(ctx) {
				activity.GetLogger(ctx).Info("Re-attaching to the streamed run by resuming its stream", "api_run_id", runID, "After", after)
			}
			st, err := a.consume(ctx, prog, func(sctx context.Context, on func(StreamEvent) error) error {
				return rs.ResumeStream(sctx, threadID, runID, after, on)
			})
			if !errors.Is(err, errStreamEnded) && StatusOf(err) != http.StatusBadRequest {
				return st, classify("resume stream", err)
			}
		}
	}
	if activity.IsActivity(ctx) {
		activity.GetLogger(ctx).Info("Re-attaching to the streamed run by polling", "api_run_id", runID)
	}
	st, err := a.pollUntil(ctx, threadID, runID, 0, func(s assistant.RunStatus) bool { return !s.Pending() })
	if errors.Is(err, context.Canceled) {
		return assistant.RunState{}, temporal.NewCanceledError(prog.details()...)
	}
	if err != nil {
		return assistant.RunState{}, err
	}
	return a.settle(ctx, st)
}

// consume runs one stream under the idle watchdog and turns its events into
// the final RunState. Every exit path closes the stream (the backend closes
// it when open returns; the watchdog cancels a stalled read).
func (a *Activities) consume(ctx context.Context, prog *streamProgress,
	open func(context.Context, func(StreamEvent) error) error) (assistant.RunState, error) {
	// A cancel cuts the stream only once the run is named: a stream cut
	// before may have made a run nobody sees. Until then the stream reads on
	// (the first event names the run), still under the idle watchdog.
	sctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	stopCut := context.AfterFunc(ctx, func() { prog.whenNamed(cancel) })
	defer stopCut()
	idle := a.idleTimeout(ctx)
	var stalled atomic.Bool
	watchdog := time.AfterFunc(idle, func() { stalled.Store(true); cancel() })
	defer watchdog.Stop()

	defer prog.flush(ctx)
	var got streamed
	err := open(sctx, func(ev StreamEvent) error {
		watchdog.Reset(idle)
		return a.take(ctx, prog, &got, ev)
	})
	switch {
	case got.final != nil:
		return a.settle(ctx, got.state())
	case ctx.Err() != nil: // cancelled: the details name the run to cancel
		return assistant.RunState{}, temporal.NewCanceledError(prog.details()...)
	case stalled.Load():
		return assistant.RunState{}, temporal.NewApplicationError(
			"stream run: no event for "+idle.String()+"; re-attaching", assistant.ErrorTypeStreamIdle)
	case err == nil:
		return assistant.RunState{}, temporal.NewApplicationErrorWithCause(
			"stream run: the stream ended without a terminal event", assistant.ErrorTypeStreamBroken, errStreamEnded)
	}
	var appErr *temporal.ApplicationError
	if errors.As(err, &appErr) || StatusOf(err) != 0 {
		return assistant.RunState{}, err // the caller classifies API answers
	}
	return assistant.RunState{}, temporal.NewApplicationError(
		"stream run: the stream was cut before a terminal event", assistant.ErrorTypeStreamBroken)
}

// streamed is what a stream's events build up: the state that settles the
// activity, the reply's messages and the run's steps.
type streamed struct {
	final *assistant.RunState
	reply *assistant.Reply
	steps []assistant.RunStep
}

// take handles one event. An error ends the stream: errStreamDone at the
// event that settles the activity (requires_action or a terminal status).
func (a *Activities) take(ctx context.Context, prog *streamProgress, got *streamed, ev StreamEvent) error {
	switch {
	case ev.Err != nil:
		prog.advance(ev.Seq) // a resume starts after it, not with it again
		return temporal.NewApplicationError("stream run: the API sent an error event: "+
			truncate(ev.Err.Code+" "+ev.Err.Message, 300), assistant.ErrorTypeStreamError)
	case ev.ThreadID != "":
		prog.setThread(ctx, ev.ThreadID, true)
		prog.advance(ev.Seq)
	case ev.Run != nil:
		if prog.makesThread {
			prog.setThread(ctx, ev.Run.ThreadID, false) // heartbeated by setRun
		}
		prog.setRun(ctx, ev.Run.APIRunID, ev.Seq)
		if ev.Run.Status == assistant.StatusRequiresAction || ev.Run.Status.Terminal() {
			got.final = ev.Run
			return errStreamDone
		}
	case ev.Message != nil:
		got.reply = joinReply(got.reply, *ev.Message)
	case ev.Step != nil:
		got.steps = assistant.MergeSteps(got.steps, []assistant.RunStep{*ev.Step})
		prog.advance(ev.Seq)
	case ev.Delta != "":
		a.deliver(ctx, prog.add(ctx, ev.Delta, ev.Seq))
	default:
		prog.advance(ev.Seq)
	}
	return nil
}

// state is the settling state with the reply (a completed run) and the
// steps the stream carried.
func (got *streamed) state() assistant.RunState {
	st := *got.final
	if st.Status == assistant.StatusCompleted && got.reply != nil {
		st.Reply = got.reply
	}
	if len(got.steps) > 0 {
		st.Steps = assistant.MergeSteps(got.steps, st.Steps)
	}
	return st
}

// deliver hands a delta to the sink; a sink failure never stops the run.
func (a *Activities) deliver(ctx context.Context, d Delta) {
	if err := a.opts.Sink.Delta(ctx, d); err != nil && activity.IsActivity(ctx) {
		activity.GetLogger(ctx).Warn("Delta sink failed", "api_run_id", d.APIRunID, "Seq", d.Seq, "Error", err)
	}
}

// idleTimeout is the watchdog: Options.StreamIdle, kept below the heartbeat
// timeout so a silent upstream ends this attempt (and the retry re-attaches)
// before the server would think the worker dead.
func (a *Activities) idleTimeout(ctx context.Context) time.Duration {
	idle := a.opts.StreamIdle
	if activity.IsActivity(ctx) {
		if hb := activity.GetInfo(ctx).HeartbeatTimeout; hb > 0 && (idle <= 0 || idle >= hb) {
			idle = hb * 2 / 3
		}
	}
	if idle <= 0 {
		idle = defaultStreamIdle
	}
	return idle
}

// defaultStreamIdle is the watchdog outside an activity without StreamIdle.
const defaultStreamIdle = 30 * time.Second

func joinReply(acc *assistant.Reply, m assistant.Reply) *assistant.Reply {
	if acc == nil {
		return &m
	}
	AppendReply(acc, m.Text, m.Annotations)
	return acc
}
