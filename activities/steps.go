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

// ListRunSteps lists the first page of a finished run's steps (100): the
// activity of runs from before ListRunStepPages, kept for their replay and
// retries.
func (a *Activities) ListRunSteps(ctx context.Context, in ListRunStepsInput) ([]assistant.RunStep, error) {
	lister, ok := a.api.(StepLister)
	if !ok {
		return nil, nil
	}
	steps, _, err := lister.RunStepsPage(ctx, in.ThreadID, in.APIRunID, "")
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

// maxStepPages bounds ListRunStepPages: 10 requests, the first 1,000 steps.
const maxStepPages = 10

// RunSteps is what ListRunStepPages lists: the first assistant.MaxResultSteps
// steps, and how many more it saw (within maxStepPages pages).
type RunSteps struct {
	Steps   []assistant.RunStep `json:"steps,omitempty"`
	Omitted int                 `json:"omitted,omitempty"`
}

// ListRunStepPages lists a finished run's steps (RunRequest.IncludeSteps)
// page by page, oldest first: it keeps the first MaxResultSteps (what a
// Result lists, so the answer stays small) and counts the rest, up to
// maxStepPages requests. A backend that cannot list (its states carry the
// steps) answers none, with no request.
func (a *Activities) ListRunStepPages(ctx context.Context, in ListRunStepsInput) (RunSteps, error) {
	lister, ok := a.api.(StepLister)
	if !ok {
		return RunSteps{}, nil
	}
	var out RunSteps
	after := ""
	for range maxStepPages {
		page, more, err := lister.RunStepsPage(ctx, in.ThreadID, in.APIRunID, after)
		if err != nil {
			return RunSteps{}, classify("list run steps", err)
		}
		for _, s := range page {
			if len(out.Steps) < assistant.MaxResultSteps {
				out.Steps = append(out.Steps, s)
			} else {
				out.Omitted++
			}
		}
		if !more || len(page) == 0 {
			break
		}
		after = page[len(page)-1].ID
	}
	return out, nil
}
