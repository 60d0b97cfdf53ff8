package workflows

import (
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// Defaults are the worker's settings for requests that leave them empty.
type Defaults struct {
	// Mode is the run mode of requests with Mode "" (config RUN_MODE).
	Mode assistant.Mode
}

// RunWith is Run with the worker's defaults; register it under assistant.WorkflowRun.
// The defaults are read once per run and recorded in history (SideEffect),
// so workers with different settings replay each other's runs alike.
func RunWith(d Defaults) func(workflow.Context, assistant.RunRequest) (assistant.Result, error) {
	return func(ctx workflow.Context, req assistant.RunRequest) (assistant.Result, error) {
		return runWith(ctx, req, d)
	}
}

// versionDefaultMode gates the recorded default mode: runs started before
// it existed always polled.
const versionDefaultMode = "default-run-mode"

// resolveMode fixes the run's mode: the request's, else the worker default
// as recorded in history.
func (r *runner) resolveMode(ctx workflow.Context) {
	r.mode = r.req.Mode
	if r.mode != assistant.ModeDefault {
		return
	}
	r.mode = assistant.ModePoll
	if !r.lean && workflow.GetVersion(ctx, versionDefaultMode, workflow.DefaultVersion, 1) == workflow.DefaultVersion {
		return
	}
	var m assistant.Mode
	def := r.defaults.Mode
	if err := workflow.SideEffect(ctx, func(workflow.Context) any { return def }).Get(&m); err == nil && m == assistant.ModeStream {
		r.mode = m
	}
}

func (r *runner) streaming() bool { return r.mode == assistant.ModeStream }
