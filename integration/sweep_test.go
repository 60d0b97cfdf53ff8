package integration

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/stretchr/testify/require"
	tclient "go.temporal.io/sdk/client"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
	"github.com/durable-assistants/durable-assistants/openaitest"
	"github.com/durable-assistants/durable-assistants/serve"
)

// A terminated Run workflow runs no code, so its API run would wait for tool
// outputs (or think on) until it expires. The worker's sweep schedule (2 s
// here) finds the closed workflow and cancels its run: one waiting for tool
// outputs, known by ID, and one the model still thinks on, on a thread the
// workflow created, which the sweep reads from the workflow's state, and a
// run the workflow had not learned yet, found by its idempotency key. The emulator
// counts exactly one accepted cancel each, however often the sweep runs. A
// workflow that times out is swept the same way.
func TestSweepCancelsRunsOfTerminatedWorkflows(t *testing.T) {
	e := newEnv(t, openaitest.Options{})
	e.startTestWorker("SWEEP_INTERVAL=2s")
	asst := e.createAssistant()
	ctx := e.ctx(90 * time.Second)
	api := openai.NewClient(option.WithBaseURL(e.emuURL), option.WithAPIKey("test-key"), option.WithMaxRetries(0))

	tooling, err := e.client.StartRun(ctx, assistant.RunRequest{AssistantID: asst,
		Message: `call: slow_echo {"text":"x","millis":600000}`})
	require.NoError(t, err)
	e.waitActivityStarted(ctx, tooling, "CallTool")
	// No thread given: the workflow creates it, and is terminated before its
	// search attributes name it.
	thinking := e.startThinking(ctx, asst, "think\nsleep: 10m")
	ids := map[*client.Run]assistant.RunView{}
	for _, run := range []*client.Run{tooling, thinking} {
		require.Eventually(t, func() bool {
			st, err := run.State(ctx)
			ids[run] = st
			return err == nil && st.APIRunID != "" && st.ThreadID != ""
		}, 20*time.Second, 20*time.Millisecond)
	}
	require.Equal(t, assistant.PhaseCallingTools, ids[tooling].Phase)
	require.Equal(t, assistant.PhaseWaiting, ids[thinking].Phase)

	terminated := time.Now()
	for _, run := range []*client.Run{tooling, thinking} {
		require.NoError(t, e.tc.TerminateWorkflow(ctx, run.WorkflowID, run.WorkflowRunID, "test: terminated mid-run"))
	}
	require.Eventually(t, func() bool { return e.emu.Stats().RunsCancelled == 2 }, 30*time.Second, 100*time.Millisecond,
		"the sweep never cancelled both runs")
	t.Logf("both API runs cancelled %.1f s after the terminations", time.Since(terminated).Seconds())

	// A workflow that times out while the model thinks is swept alike.
	thread2, err := api.Beta.Threads.New(ctx, openai.BetaThreadNewParams{})
	require.NoError(t, err)
	wr, err := e.tc.ExecuteWorkflow(ctx, tclient.StartWorkflowOptions{TaskQueue: e.taskQueue, WorkflowExecutionTimeout: 4 * time.Second,
		TypedSearchAttributes: assistant.StartSearchAttributes(asst, thread2.ID)},
		assistant.WorkflowRun, assistant.RunRequest{AssistantID: asst, ThreadID: thread2.ID, Message: "think\nsleep: 10m"})
	require.NoError(t, err)
	timedOut := e.client.GetRun(wr.GetID(), wr.GetRunID())
	require.Eventually(t, func() bool {
		st, err := timedOut.State(ctx)
		ids[timedOut] = st
		return err == nil && st.APIRunID != ""
	}, 4*time.Second, 20*time.Millisecond)
	require.Eventually(t, func() bool { return e.emu.Stats().RunsCancelled == 3 }, 30*time.Second, 100*time.Millisecond,
		"the sweep never cancelled the timed-out workflow's run")
	for _, st := range ids {
		require.Eventually(t, func() bool {
			r, err := api.Beta.Threads.Runs.Get(ctx, st.ThreadID, st.APIRunID)
			return err == nil && r.Status == openai.RunStatusCancelled
		}, 10*time.Second, 100*time.Millisecond, "run %s not cancelled", st.APIRunID)
	}

	// Later sweeps find the same workflows; a cancelled run stays cancelled
	// and no second cancel is accepted.
	e.awaitSweeps(ctx, 2)
	require.Equal(t, 3, e.emu.Stats().RunsCancelled)
	require.Equal(t, 3, e.emu.Stats().RunsCreated)
}

// awaitSweeps waits until the sweep schedule has started n more sweeps and
// the last of them has ended: a count, not a sleep, so a loaded machine
// cannot make the test pass before the sweeps ran.
func (e *env) awaitSweeps(ctx context.Context, n int) {
	e.t.Helper()
	h := e.tc.ScheduleClient().GetHandle(ctx, serve.SweepScheduleID(e.taskQueue))
	desc, err := h.Describe(ctx)
	require.NoError(e.t, err)
	want := desc.Info.NumActions + n
	require.Eventually(e.t, func() bool {
		desc, err = h.Describe(ctx)
		return err == nil && desc.Info.NumActions >= want
	}, 60*time.Second, 200*time.Millisecond, "the schedule started fewer than %d more sweeps", n)
	last := slices.MaxFunc(desc.Info.RecentActions, func(a, b tclient.ScheduleActionResult) int {
		return a.ActualTime.Compare(b.ActualTime)
	}).StartWorkflowResult
	require.NoError(e.t, e.tc.GetWorkflow(ctx, last.WorkflowID, last.FirstExecutionRunID).Get(ctx, nil))
}

// On the Responses protocol, a Run workflow terminated while its start
// follows the response has no record of it but the pending activity's
// heartbeat: the sweep reads it there and cancels the response. Before, it
// looked for it by key, which the Responses API cannot do, and waited for
// the response to end by itself.
func TestSweepCancelsResponseOfTerminatedWorkflow(t *testing.T) {
	e := newEnv(t, openaitest.Options{})
	e.proto = protocols[1]
	e.startTestWorker("SWEEP_INTERVAL=2s")
	ctx := e.ctx(90 * time.Second)
	created := e.responsesCreated()
	run := e.startThinking(ctx, "brief", "think\nsleep: 10m")

	terminated := time.Now()
	require.NoError(t, e.tc.TerminateWorkflow(ctx, run.WorkflowID, run.WorkflowRunID, "test: terminated mid-run"))
	require.Eventually(t, func() bool { return e.emu.Stats().ResponsesCancelled == 1 }, 30*time.Second, 100*time.Millisecond,
		"the sweep never cancelled the response")
	t.Logf("the response was cancelled %.1f s after the termination", time.Since(terminated).Seconds())
	requireResponseCancelled(t, e, ctx, created())
	e.awaitSweeps(ctx, 2)
	require.Equal(t, 1, e.emu.Stats().ResponsesCancelled)
}
