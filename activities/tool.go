package activities

import (
	"context"
	"fmt"
	"time"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/tools"
)

// CallTool runs one registered handler. Model-side problems (unknown tool, bad
// arguments, handler error or panic) come back as an error output the model
// sees; only infrastructure faults fail the activity and are retried. The
// handler learns a stable idempotency key from its context: it may run more
// than once (at-least-once), for instance when a worker dies mid-call.
func (a *Activities) CallTool(ctx context.Context, in CallToolInput) (assistant.ToolOutput, error) {
	stop := startHeartbeat(ctx, in.Call.ID)
	defer stop()
	info := tools.CallInfo{ThreadID: in.ThreadID, APIRunID: in.APIRunID, ToolCallID: in.Call.ID, Attempt: 1}
	if activity.IsActivity(ctx) {
		info.Attempt = activity.GetInfo(ctx).Attempt
	}
	start := time.Now()
	out, isErr, err := a.tools.Call(tools.WithCallInfo(ctx, info), in.Call.Name, in.Call.Arguments)
	logger(ctx, in.ThreadID, in.APIRunID).Info("Tool call finished", "Tool", in.Call.Name, "ToolCallID", in.Call.ID,
		"IsError", isErr, "Fault", err != nil, "OutputBytes", len(out), "Duration", time.Since(start))
	if err != nil {
		if ctx.Err() != nil {
			return assistant.ToolOutput{}, ctx.Err()
		}
		return assistant.ToolOutput{}, temporal.NewApplicationError(
			fmt.Sprintf("tool call %s: %v", in.Call.ID, err), assistant.ErrorTypeToolFault)
	}
	return assistant.ToolOutput{ToolCallID: in.Call.ID, Output: out, IsError: isErr}, nil
}
