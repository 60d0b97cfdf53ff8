package workflows

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// Run drives one assistant run to its end: create the thread if none is
// given, start the run with the user's message, wait, call the requested
// tools in parallel, submit their outputs, and repeat until the run ends.
// A run that ends failed, incomplete, expired or cancelled at the API is a
// Result with that status; bad input fails the workflow at once; cancelling
// the workflow cancels the run at the API.
func Run(ctx workflow.Context, req assistant.RunRequest) (assistant.Result, error) {
	return runWith(ctx, req, Defaults{})
}

func runWith(ctx workflow.Context, req assistant.RunRequest, d Defaults) (assistant.Result, error) {
	r := &runner{req: req, defaults: d, state: assistant.RunView{ThreadID: req.ThreadID}, decisions: map[string]verdict{}}
	if err := r.setup(ctx); err != nil {
		return assistant.Result{}, err
	}
	return r.run(ctx)
}

// runner keeps one Run's state; its methods are the state machine's steps.
type runner struct {
	req    assistant.RunRequest
	state  assistant.RunView
	called []assistant.ToolCallRecord
	// omitted counts the calls past maxRecordedCalls, not in called.
	omitted int
	steps   []assistant.RunStep // the run's steps, when the request asks
	// stepsUnlisted counts the steps a listing saw past the first ones,
	// which it does not return (ListRunStepPages).
	stepsUnlisted int

	// decisions are the approve/deny Updates received, by tool call ID.
	decisions map[string]verdict
	sa        searchAttrs // what the UI lists and filters by

	defaults Defaults
	mode     assistant.Mode // poll or stream, resolved in setup
	lean     bool           // versionLeanHistory: the lean path
	// localTools: local tool calls need no marker of their own
	// (versionLeanHistory 2, run_tools_local.go).
	localTools bool
	// startTried is set once the lean start is scheduled: a run may exist
	// before the workflow knows its ID.
	startTried bool
	// makesThread: the start creates the thread and the run in one request
	// (RunRequest.CreateThreadAndRun, versionThreadAndRun), so the thread
	// is unknown until an activity names it.
	makesThread bool
}

func (r *runner) setup(ctx workflow.Context) error {
	if err := r.validate(ctx); err != nil {
		return err
	}
	if err := r.setApprovalHandlers(ctx); err != nil {
		return err
	}
	lean := workflow.GetVersion(ctx, versionLeanHistory, workflow.DefaultVersion, leanLocalTools)
	r.lean, r.localTools = lean >= 1, lean >= leanLocalTools
	r.sa.checked, r.sa.enabled = r.lean, r.lean
	r.resolveMode(ctx)
	return workflow.SetQueryHandler(ctx, assistant.QueryState, func() (assistant.RunView, error) { return r.state, nil })
}

func (r *runner) run(ctx workflow.Context) (assistant.Result, error) {
	st, err := r.start(ctx)
	for err == nil && !st.Status.Terminal() {
		switch {
		case st.Status == assistant.StatusRequiresAction:
			st, err = r.act(ctx, st)
		case st.Status.Pending():
			st, err = r.await(ctx, st)
		default:
			err = temporal.NewNonRetryableApplicationError(
				fmt.Sprintf("run %s: unexpected status %q", st.APIRunID, st.Status), assistant.ErrorTypeUnknownRunState, nil)
		}
	}
	if err != nil && ctx.Err() != nil {
		return r.cancel(ctx)
	}
	if err != nil {
		return assistant.Result{}, r.fail(ctx, err)
	}
	r.listSteps(ctx, st)
	r.setPhase(ctx, assistant.PhaseDone, st)
	return r.result(st), nil
}

// start creates the thread (when none was given) and the run. Both calls run
// in a disconnected context: a cancel arriving meanwhile is honoured right
// after, with the run ID known, so no run is left behind uncancelled.
func (r *runner) start(ctx workflow.Context) (assistant.RunState, error) {
	dctx, _ := workflow.NewDisconnectedContext(ctx)
	r.makesThread = r.threadAndRun(ctx)
	if r.state.ThreadID == "" && !r.makesThread {
		r.setPhase(ctx, assistant.PhaseCreatingThread, assistant.RunState{})
		threadID, err := r.createThread(dctx)
		if err != nil {
			return assistant.RunState{}, err
		}
		r.state.ThreadID = threadID
		if ctx.Err() != nil { // cancelled meanwhile: no run to create, none to pay for
			return assistant.RunState{}, ctx.Err()
		}
	}
	r.setPhase(ctx, assistant.PhaseStarting, assistant.RunState{})
	in := activities.StartRunInput{
		ThreadID:       r.state.ThreadID,
		AssistantID:    r.req.AssistantID,
		Message:        r.req.Message,
		Instructions:   r.req.Instructions,
		Metadata:       r.req.Metadata,
		Overrides:      r.req.Overrides,
		Attachments:    r.req.Attachments,
		Images:         r.req.Images,
		ToolResources:  r.req.ToolResources,
		IdempotencyKey: idempotencyKey(ctx),
		IncludeSteps:   r.req.IncludeSteps,
		ThreadAndRun:   r.makesThread,
	}
	on := "on " + in.ThreadID
	if r.makesThread {
		on = "on a new thread"
	}
	// On the lean path the activity follows the run and a cancel reaches it:
	// it reports the run it named, which is then cancelled (run_follow.go).
	switch {
	case r.lean && r.streaming():
		r.startTried = true
		return r.follow(ctx, assistant.PhaseStreaming, "stream run "+on, a.StreamRun, activities.StreamRunInput{Start: &in})
	case r.lean:
		r.startTried = true
		in.Follow = true
		return r.follow(ctx, assistant.PhaseWaiting, "start run "+on+" and follow it", a.StartRun, in)
	case r.streaming():
		r.setPhase(ctx, assistant.PhaseStreaming, assistant.RunState{})
		return r.startDisconnected(ctx, followCall(dctx, "stream run on "+in.ThreadID), a.StreamRun, activities.StreamRunInput{Start: &in})
	}
	return r.startDisconnected(ctx, shortCall(dctx, "start run on "+in.ThreadID), a.StartRun, in)
}

// startDisconnected is the start of runs from before the lean history: the
// activity runs in the disconnected context (actx), so the workflow learns
// the run ID only when it returns, and a cancel is honoured then.
func (r *runner) startDisconnected(ctx, actx workflow.Context, fn, in any) (assistant.RunState, error) {
	var st assistant.RunState
	err := workflow.ExecuteActivity(actx, fn, in).Get(ctx, &st)
	if err == nil {
		r.observe(ctx, st)
	}
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	return st, err
}

// await waits in one heartbeating activity until the model is done thinking.
func (r *runner) await(ctx workflow.Context, prev assistant.RunState) (assistant.RunState, error) {
	r.setPhase(ctx, assistant.PhaseWaiting, prev)
	in := activities.AwaitRunInput{ThreadID: prev.ThreadID, APIRunID: prev.APIRunID, PollAfterMs: prev.PollAfterMs,
		IncludeSteps: r.req.IncludeSteps}
	var st assistant.RunState
	if err := workflow.ExecuteActivity(longCall(ctx, "await "+prev.APIRunID), a.AwaitRun, in).Get(ctx, &st); err != nil {
		return assistant.RunState{}, err
	}
	r.observe(ctx, st)
	return st, nil
}

// observe records what a fresh run state teaches: IDs and status.
func (r *runner) observe(ctx workflow.Context, st assistant.RunState) {
	r.state.ThreadID, r.state.APIRunID, r.state.Status = st.ThreadID, st.APIRunID, st.Status
	r.sa.observe(ctx, st)
	r.observeSteps(st)
}

func (r *runner) setPhase(ctx workflow.Context, p assistant.Phase, st assistant.RunState) {
	r.state.Phase = p
	if p == assistant.PhaseDone {
		r.recordEnd(ctx, st)
	}
	details := fmt.Sprintf("phase: %s", p)
	if r.state.APIRunID != "" {
		details += fmt.Sprintf("\nrun: %s (%s)", r.state.APIRunID, r.state.Status)
	}
	if r.state.ThreadID != "" {
		details += "\nthread: " + r.state.ThreadID
	}
	workflow.SetCurrentDetails(ctx, details)
}

// idempotencyKey names this run's create uniquely and stably across retries
// and replays: the workflow execution it belongs to.
func idempotencyKey(ctx workflow.Context) string {
	info := workflow.GetInfo(ctx)
	return idempotencyKeyOf(info.WorkflowExecution.ID, info.WorkflowExecution.RunID)
}

// idempotencyKeyOf is the idempotency key of one workflow execution, which
// the sweep also derives for runs whose workflow ended before it knew them.
func idempotencyKeyOf(workflowID, runID string) string {
	key := workflowID + "/" + runID
	if len(key) > assistant.MaxMetadataValueLen {
		sum := sha256.Sum256([]byte(key))
		key = hex.EncodeToString(sum[:])
	}
	return key
}
