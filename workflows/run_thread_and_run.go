package workflows

import (
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// versionThreadAndRun gates RunRequest.CreateThreadAndRun: the start makes
// the thread and the run in one request (no CreateThread local activity),
// and the thread is learnt from the start activity's result, or from its
// progress on a failure or a cancel. It is read only by runs that ask, on
// the lean path; a run that asked on a worker without it made its thread
// first and replays so.
const versionThreadAndRun = "create-thread-and-run"

// threadAndRun reports whether this run creates its thread with its run.
func (r *runner) threadAndRun(ctx workflow.Context) bool {
	if !r.req.CreateThreadAndRun || !r.lean || r.state.ThreadID != "" {
		return false
	}
	return workflow.GetVersion(ctx, versionThreadAndRun, workflow.DefaultVersion, 1) >= 1
}

// learnThread keeps the thread a following activity named in its progress
// (a create-thread-and-run that failed or was cancelled after naming it).
func (r *runner) learnThread(p assistant.FollowProgress) {
	if r.makesThread && r.state.ThreadID == "" && p.ThreadID != "" {
		r.state.ThreadID = p.ThreadID
	}
}
