package workflows

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// act answers a requires_action: every tool call runs as its own activity, in
// parallel, and all outputs go back in one submit.
func (r *runner) act(ctx workflow.Context, st assistant.RunState) (assistant.RunState, error) {
	r.state.ToolRounds++
	r.state.PendingTools = toolNames(st.ToolCalls)
	r.setPhase(ctx, assistant.PhaseCallingTools, st)
	futures := make([]workflow.Future, len(st.ToolCalls))
	for i, tc := range st.ToolCalls {
		futures[i] = r.callTool(ctx, st, tc)
	}
	outputs := make([]assistant.ToolOutput, len(st.ToolCalls))
	for i, f := range futures {
		outputs[i] = r.toolOutput(ctx, f, st.ToolCalls[i])
	}
	if ctx.Err() != nil {
		return assistant.RunState{}, ctx.Err()
	}
	r.state.PendingTools = nil
	r.setPhase(ctx, assistant.PhaseSubmitting, st)
	in := activities.SubmitToolOutputsInput{ThreadID: st.ThreadID, APIRunID: st.APIRunID, Outputs: outputs,
		IncludeSteps: r.req.IncludeSteps}
	if st.CarrySettings { // the backend cannot read them from the run
		in.Run = &activities.RunSettings{Instructions: r.req.Instructions, Metadata: r.req.Metadata}
	}
	if err := fitRound(ctx, &in); err != nil {
		return assistant.RunState{}, err
	}
	return r.submit(ctx, in)
}

// callTool schedules one call. A call whose tool requires approval is parked
// first (in its own coroutine, so the other calls run meanwhile); a denied
// call never runs and answers the model that it was denied.
func (r *runner) callTool(ctx workflow.Context, st assistant.RunState, tc assistant.ToolCall) workflow.Future {
	in := activities.CallToolInput{ThreadID: st.ThreadID, APIRunID: st.APIRunID, Call: tc}
	if !tc.Policy.RequiresApproval {
		return r.executeTool(ctx, tc, st.ExpiresAt, in)
	}
	f, set := workflow.NewFuture(ctx)
	workflow.Go(ctx, func(ctx workflow.Context) {
		v := r.awaitApproval(ctx, tc, st.ExpiresAt)
		if !v.approved {
			set.Set(deniedOutput(tc, v), nil)
			return
		}
		set.Chain(r.executeTool(ctx, tc, st.ExpiresAt, in))
	})
	return f
}

// toolOutput waits for one call. A call that failed for good (retries spent,
// time out) still answers the model with an error output: the run goes on.
func (r *runner) toolOutput(ctx workflow.Context, f workflow.Future, tc assistant.ToolCall) assistant.ToolOutput {
	var out assistant.ToolOutput
	err := f.Get(ctx, &out)
	if err != nil {
		out = assistant.ToolOutput{ToolCallID: tc.ID, Output: errorOutput(toolFailure(err, toolTries(tc))), IsError: true}
	}
	recordToolCall(ctx, tc.Name, out, err != nil)
	r.record(tc, out)
	return out
}

// toolOptions schedules a call by its policy, within the run's expiry: the
// call must end early enough for the outputs to be submitted.
func (r *runner) toolOptions(ctx workflow.Context, tc assistant.ToolCall, expiresAt int64) workflow.Context {
	timeout, budget, tries := toolLimits(ctx, tc, expiresAt)
	return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		TaskQueue:              tc.Policy.TaskQueue,
		StartToCloseTimeout:    timeout,
		ScheduleToCloseTimeout: budget,
		HeartbeatTimeout:       heartbeatTimeout,
		RetryPolicy:            retryPolicy(tries),
		Summary:                "tool " + tc.Name,
	})
}

// toolLimits are a call's start-to-close timeout, its budget for all
// attempts, and the attempts, cut to the run's expiry.
func toolLimits(ctx workflow.Context, tc assistant.ToolCall, expiresAt int64) (timeout, budget time.Duration, tries int32) {
	timeout, tries = tc.Policy.Timeout, toolTries(tc)
	if timeout <= 0 {
		timeout = defaultToolTimeout
	}
	budget = timeout * time.Duration(tries) * 2
	if expiresAt > 0 {
		left := time.Unix(expiresAt, 0).Sub(workflow.Now(ctx)) - submitMargin
		budget = max(min(budget, left), time.Second)
		timeout = min(timeout, budget)
	}
	return timeout, budget, tries
}

// toolTries is how often a call is attempted: the tool's cap, or the
// default one, never without a cap.
func toolTries(tc assistant.ToolCall) int32 {
	if tc.Policy.MaxAttempts > 0 {
		return tc.Policy.MaxAttempts
	}
	return defaultToolTries
}

// toolFailure tells the model why a call has no result. A retryable fault
// that still failed spent the call's attempts.
func toolFailure(err error, tries int32) string {
	var te *temporal.TimeoutError
	if errors.As(err, &te) {
		return "the tool did not finish in time"
	}
	var app *temporal.ApplicationError
	if errors.As(err, &app) && !app.NonRetryable() && !slices.Contains(nonRetryable, app.Type()) {
		return fmt.Sprintf("the tool failed after %d attempts: %s", tries, app.Message())
	}
	return "the tool failed: " + rootMessage(err)
}

// errorOutput is the JSON the model sees for a failed call.
func errorOutput(msg string) string {
	// json.Marshal of a string is deterministic; workflowcheck flags its caches.
	b, _ := json.Marshal(map[string]string{"error": msg}) //workflowcheck:ignore
	return string(b)
}

func toolNames(calls []assistant.ToolCall) []string {
	names := make([]string, len(calls))
	for i, c := range calls {
		names[i] = c.Name
	}
	return names
}
