package activities

import (
	"context"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// ListRunStepsInput names the run whose steps to list.
type ListRunStepsInput struct {
	ThreadID string `json:"thread_id"`
	APIRunID string `json:"run_id"`
}

// ListRunSteps lists a finished run's steps (RunRequest.IncludeSteps): one
// request on a backend that can, none (an empty list) on one that cannot.
func (a *Activities) ListRunSteps(ctx context.Context, in ListRunStepsInput) ([]assistant.RunStep, error) {
	lister, ok := a.api.(StepLister)
	if !ok {
		return nil, nil
	}
	steps, err := lister.ListRunSteps(ctx, in.ThreadID, in.APIRunID)
	if err != nil {
		return nil, classify("list run steps", err)
	}
	return steps, nil
}

// keepSteps drops the steps of a run activity's result unless the run asked
// for them (the inputs' IncludeSteps); deferred on the result, so that every
// path of the activity is covered.
func keepSteps(st *assistant.RunState, include bool) {
	if !include {
		st.Steps = nil
	}
}
