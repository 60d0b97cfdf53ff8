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

// executeTool runs one call: a regular activity by default (long tools,
// other task queues, heartbeats), a local activity for a fast local tool,
// which then runs inside the workflow task that scheduled it, with no
// dispatch through the server. Timeout, attempts and the error the
// workflow sees are the same either way.
func (r *runner) executeTool(ctx workflow.Context, tc assistant.ToolCall, expiresAt int64, in activities.CallToolInput) workflow.Future {
	if tc.Policy.Local && tc.Policy.TaskQueue == "" &&
		workflow.GetVersion(ctx, versionLocalTools, workflow.DefaultVersion, 1) >= 1 {
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
