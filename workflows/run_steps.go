package workflows

import (
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// maxRecordedSteps caps the steps a Result lists; the rest are counted.
// Each call's arguments and output are cut to maxRecordedBytes, like the
// ToolCalls records.
const maxRecordedSteps = assistant.MaxResultSteps

// versionStepPages gates the listing of a run's steps page by page
// (ListRunStepPages: the first 100 kept, the rest counted, up to 1,000)
// instead of one page (ListRunSteps). Read only when a listing is due.
const versionStepPages = "run-step-pages"

// observeSteps keeps the steps a state carries (responses: its output
// items), when the request asked for steps.
func (r *runner) observeSteps(st assistant.RunState) {
	if r.req.IncludeSteps && len(st.Steps) > 0 {
		r.steps = assistant.MergeSteps(r.steps, st.Steps)
	}
}

// listSteps reads the steps of a run that ended when the request asked for
// them and no state carried any (assistants protocol): one activity, one
// request. Its failure costs the steps, never the run's result. Only a
// request with IncludeSteps schedules it, so earlier histories replay.
func (r *runner) listSteps(ctx workflow.Context, st assistant.RunState) {
	if !r.req.IncludeSteps || len(r.steps) > 0 || st.APIRunID == "" {
		return
	}
	in := activities.ListRunStepsInput{ThreadID: st.ThreadID, APIRunID: st.APIRunID}
	actx := shortCall(ctx, "list steps of "+st.APIRunID)
	if workflow.GetVersion(ctx, versionStepPages, workflow.DefaultVersion, 1) >= 1 {
		var listed activities.RunSteps
		if err := workflow.ExecuteActivity(actx, a.ListRunStepPages, in).Get(ctx, &listed); err != nil {
			workflow.GetLogger(ctx).Warn("run steps not listed", "error", err)
			return
		}
		r.steps, r.stepsUnlisted = listed.Steps, listed.Omitted
		return
	}
	var steps []assistant.RunStep
	if err := workflow.ExecuteActivity(actx, a.ListRunSteps, in).Get(ctx, &steps); err != nil {
		workflow.GetLogger(ctx).Warn("run steps not listed", "error", err)
		return
	}
	r.steps = steps
}

// recordedSteps are the steps for the Result: cut to the caps, a function
// call's output filled from the call the workflow made when the step did
// not carry it (a response lists the call, not the output sent after).
func (r *runner) recordedSteps() ([]assistant.RunStep, int) {
	steps, omitted := r.steps, r.stepsUnlisted
	if len(steps) > maxRecordedSteps {
		steps, omitted = steps[:maxRecordedSteps], omitted+len(steps)-maxRecordedSteps
	}
	out := make([]assistant.RunStep, len(steps))
	for i, s := range steps {
		s.ToolCalls = append([]assistant.StepToolCall(nil), s.ToolCalls...)
		for j := range s.ToolCalls {
			s.ToolCalls[j] = r.cutCall(s.ToolCalls[j])
		}
		out[i] = s
	}
	return out, omitted
}

func (r *runner) cutCall(c assistant.StepToolCall) assistant.StepToolCall {
	if c.Type == "function" && c.Output == "" {
		for _, rec := range r.called {
			if rec.ID == c.ID {
				c.Output = rec.Output
			}
		}
	}
	args, out := assistant.CutEncoded(c.Arguments, maxRecordedBytes), assistant.CutEncoded(c.Output, maxRecordedBytes)
	c.Truncated = c.Truncated || args != c.Arguments || out != c.Output
	c.Arguments, c.Output = args, out
	return c
}
