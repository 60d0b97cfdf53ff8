package workflows

import (
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// versionLocalTools gates local tool calls (issue 18): a call whose policy
// says Local (tools.WithLocal) runs as a local activity. Before it, every
// call was a regular activity; the marker is recorded only by runs that
// have a local call, so other runs' histories are unchanged.
const versionLocalTools = "local-tools"

// leanLocalTools is the versionLeanHistory that allows local tool calls
// with no versionLocalTools of their own: that GetVersion wrote a marker and
// a TemporalChangeVersion upsert (one more visibility write) into every run
// with a local call. Runs from before it replay with versionLocalTools.
const leanLocalTools = 2

// executeTool runs one call: a regular activity by default (long tools,
// other task queues, heartbeats), a local activity for a fast local tool,
// which then runs inside the workflow task that scheduled it, with no
// dispatch through the server. Timeout, attempts and the error the
// workflow sees are the same either way.
func (r *runner) executeTool(ctx workflow.Context, tc assistant.ToolCall, expiresAt int64, in activities.CallToolInput) workflow.Future {
	if tc.Policy.Local && tc.Policy.TaskQueue == "" && r.localAllowed(ctx) {
		return workflow.ExecuteLocalActivity(localToolOptions(ctx, tc, expiresAt), a.CallTool, in)
	}
	return workflow.ExecuteActivity(r.toolOptions(ctx, tc, expiresAt), a.CallTool, in)
}

// localToolOptions are toolOptions for a local activity: no task queue (it
// runs here) and no heartbeat (a local activity lives as long as the
// workflow task's worker).
func localToolOptions(ctx workflow.Context, tc assistant.ToolCall, expiresAt int64) workflow.Context {
	timeout, budget, tries := toolLimits(ctx, tc, expiresAt)
	return workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{
		StartToCloseTimeout:    timeout,
		ScheduleToCloseTimeout: budget,
		RetryPolicy:            retryPolicy(tries),
		Summary:                "tool " + tc.Name,
	})
}

// localAllowed reports whether this run may run a call as a local activity:
// always since leanLocalTools, before it only past versionLocalTools.
func (r *runner) localAllowed(ctx workflow.Context) bool {
	return r.localTools || workflow.GetVersion(ctx, versionLocalTools, workflow.DefaultVersion, 1) >= 1
}
