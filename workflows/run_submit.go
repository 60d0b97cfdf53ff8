package workflows

import (
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// submit sends the tool outputs: one request in poll mode, a stream to the
// next requires_action or the end in stream mode.
func (r *runner) submit(ctx workflow.Context, in activities.SubmitToolOutputsInput) (assistant.RunState, error) {
	switch {
	case r.lean && r.streaming():
		return r.follow(ctx, assistant.PhaseStreaming, "stream submit to "+in.APIRunID, a.StreamRun, activities.StreamRunInput{Submit: &in})
	case r.lean:
		in.Follow = true
		return r.follow(ctx, assistant.PhaseWaiting, "submit tool outputs to "+in.APIRunID+" and follow it", a.SubmitToolOutputs, in)
	}
	// Runs started before the lean history replay as they ran.
	var st assistant.RunState
	var err error
	if r.streaming() {
		r.setPhase(ctx, assistant.PhaseStreaming, assistant.RunState{})
		err = workflow.ExecuteActivity(followCall(ctx, "stream submit to "+in.APIRunID), a.StreamRun,
			activities.StreamRunInput{Submit: &in}).Get(ctx, &st)
	} else {
		err = workflow.ExecuteActivity(shortCall(ctx, "submit tool outputs to "+in.APIRunID), a.SubmitToolOutputs, in).Get(ctx, &st)
	}
	if err != nil {
		return assistant.RunState{}, err
	}
	r.observe(ctx, st)
	return st, nil
}
