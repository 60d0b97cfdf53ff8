package workflows

import (
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// streamCall is for StreamRun: long, heartbeating, and waited for on
// cancellation so the stream is closed before the run is cancelled.
func streamCall(ctx workflow.Context, summary string) workflow.Context {
	return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout:    awaitTimeout,
		ScheduleToCloseTimeout: 2 * awaitTimeout,
		HeartbeatTimeout:       heartbeatTimeout,
		WaitForCancellation:    true,
		RetryPolicy:            retryPolicy(0),
		Summary:                summary,
	})
}

// startStream creates the run with stream=true and follows it, in one
// activity, to requires_action or its end. Like StartRun it runs in the
// disconnected context: the workflow learns the run ID only when the
// activity returns, so a cancel is honoured then, with the ID known.
func (r *runner) startStream(ctx, dctx workflow.Context, in activities.StartRunInput) (assistant.RunState, error) {
	r.setPhase(ctx, PhaseStreaming, assistant.RunState{})
	var st assistant.RunState
	err := workflow.ExecuteActivity(streamCall(dctx, "stream run on "+in.ThreadID), a.StreamRun,
		activities.StreamRunInput{Start: &in}).Get(ctx, &st)
	if err == nil {
		r.observe(ctx, st)
	}
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	return st, err
}

// submit sends the tool outputs: one request in poll mode, a stream to the
// next requires_action or the end in stream mode.
func (r *runner) submit(ctx workflow.Context, in activities.SubmitToolOutputsInput) (assistant.RunState, error) {
	var st assistant.RunState
	var err error
	if r.streaming() {
		r.setPhase(ctx, PhaseStreaming, assistant.RunState{})
		err = workflow.ExecuteActivity(streamCall(ctx, "stream submit to "+in.RunID), a.StreamRun,
			activities.StreamRunInput{Submit: &in}).Get(ctx, &st)
	} else if r.lean {
		in.Follow = true
		return r.follow(ctx, "submit tool outputs to "+in.RunID+" and follow it", a.SubmitToolOutputs, in)
	} else {
		err = workflow.ExecuteActivity(shortCall(ctx, "submit tool outputs to "+in.RunID), a.SubmitToolOutputs, in).Get(ctx, &st)
	}
	if err != nil {
		return assistant.RunState{}, err
	}
	r.observe(ctx, st)
	return st, nil
}
