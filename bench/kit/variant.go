package kit

import (
	"context"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// RunLAName is the prototype's registered name; workflows.Run is untouched.
const RunLAName = "BenchRunVariant"

// VariantInput selects the prototype's changes against workflows.Run.
type VariantInput struct {
	Req assistant.RunRequest `json:"req"`
	// LocalShort runs CreateThread, StartRun and SubmitToolOutputs as local
	// activities (no activity task round trip through the server).
	LocalShort bool `json:"local_short"`
	// Combine starts the wait in the same activity as the create/submit, so
	// the first poll is timed from the create/submit response.
	Combine bool `json:"combine"`
}

// variantActs are the combined activities (create+await, submit+await).
type variantActs struct{ acts *activities.Activities }

var bridge *variantActs

// StartAndAwait creates the run (adopting it on retry) and waits for it.
func (v *variantActs) StartAndAwait(ctx context.Context, in activities.StartRunInput) (assistant.RunState, error) {
	st, err := v.acts.StartRun(ctx, in)
	if err != nil || !st.Status.Pending() {
		return st, err
	}
	return v.acts.AwaitRun(ctx, activities.AwaitRunInput{ThreadID: st.ThreadID, RunID: st.RunID, PollAfterMs: st.PollAfterMs})
}

// SubmitAndAwait submits the outputs and waits for the run's next stop.
func (v *variantActs) SubmitAndAwait(ctx context.Context, in activities.SubmitToolOutputsInput) (assistant.RunState, error) {
	st, err := v.acts.SubmitToolOutputs(ctx, in)
	if err != nil || !st.Status.Pending() {
		return st, err
	}
	return v.acts.AwaitRun(ctx, activities.AwaitRunInput{ThreadID: st.ThreadID, RunID: st.RunID, PollAfterMs: st.PollAfterMs})
}

var acts *activities.Activities // nil bridge: method values name activities

func short(ctx workflow.Context, local bool) workflow.Context {
	rp := &temporal.RetryPolicy{InitialInterval: 500 * time.Millisecond, BackoffCoefficient: 2, MaximumInterval: 10 * time.Second}
	if local {
		return workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{
			StartToCloseTimeout: 10 * time.Second, ScheduleToCloseTimeout: 30 * time.Minute, RetryPolicy: rp})
	}
	return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 10 * time.Second, ScheduleToCloseTimeout: 30 * time.Minute, RetryPolicy: rp})
}

func long(ctx workflow.Context) workflow.Context {
	return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 2 * time.Hour, HeartbeatTimeout: 10 * time.Second,
		RetryPolicy: &temporal.RetryPolicy{InitialInterval: 500 * time.Millisecond, MaximumInterval: 10 * time.Second}})
}

func exec(ctx workflow.Context, local bool, fn, in any) workflow.Future {
	if local {
		return workflow.ExecuteLocalActivity(short(ctx, true), fn, in)
	}
	return workflow.ExecuteActivity(short(ctx, false), fn, in)
}

// RunLA is the happy path of workflows.Run (no approvals, no cancel
// handling) with the changes VariantInput selects, for measuring them.
func RunLA(ctx workflow.Context, in VariantInput) (assistant.Result, error) {
	var th activities.CreateThreadResult
	if err := exec(ctx, in.LocalShort, acts.CreateThread, activities.CreateThreadInput{}).Get(ctx, &th); err != nil {
		return assistant.Result{}, err
	}
	sin := activities.StartRunInput{ThreadID: th.ThreadID, AssistantID: in.Req.AssistantID, Message: in.Req.Message,
		IdempotencyKey: workflow.GetInfo(ctx).WorkflowExecution.ID}
	var st assistant.RunState
	var err error
	if in.Combine {
		err = workflow.ExecuteActivity(long(ctx), bridge.StartAndAwait, sin).Get(ctx, &st)
	} else {
		err = exec(ctx, in.LocalShort, acts.StartRun, sin).Get(ctx, &st)
	}
	for err == nil && !st.Status.Terminal() {
		switch {
		case st.Status == assistant.StatusRequiresAction:
			st, err = actVariant(ctx, in, st)
		default:
			err = workflow.ExecuteActivity(long(ctx), acts.AwaitRun,
				activities.AwaitRunInput{ThreadID: st.ThreadID, RunID: st.RunID, PollAfterMs: st.PollAfterMs}).Get(ctx, &st)
		}
	}
	if err != nil {
		return assistant.Result{}, err
	}
	res := assistant.Result{ThreadID: st.ThreadID, RunID: st.RunID, Status: st.Status, Usage: st.Usage}
	if st.Reply != nil {
		res.Reply = st.Reply.Text
	}
	return res, nil
}

func actVariant(ctx workflow.Context, in VariantInput, st assistant.RunState) (assistant.RunState, error) {
	toolCtx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: 30 * time.Second, HeartbeatTimeout: 10 * time.Second,
		RetryPolicy: &temporal.RetryPolicy{MaximumAttempts: 3}})
	fs := make([]workflow.Future, len(st.ToolCalls))
	for i, tc := range st.ToolCalls {
		fs[i] = workflow.ExecuteActivity(toolCtx, acts.CallTool, activities.CallToolInput{ThreadID: st.ThreadID, RunID: st.RunID, Call: tc})
	}
	outs := make([]assistant.ToolOutput, len(fs))
	for i, f := range fs {
		if err := f.Get(ctx, &outs[i]); err != nil {
			return assistant.RunState{}, err
		}
	}
	sub := activities.SubmitToolOutputsInput{ThreadID: st.ThreadID, RunID: st.RunID, Outputs: outs}
	var next assistant.RunState
	if in.Combine {
		return next, workflow.ExecuteActivity(long(ctx), bridge.SubmitAndAwait, sub).Get(ctx, &next)
	}
	return next, exec(ctx, in.LocalShort, acts.SubmitToolOutputs, sub).Get(ctx, &next)
}
