package integration

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	workflowpb "go.temporal.io/api/workflow/v1"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
)

// chaosRow is one line of the chaos table.
type chaosRow struct {
	Scenario   string
	Protocol   string
	Runs       int // runs the emulator saw created
	Kills      int
	Completed  bool
	Duplicates int // runs, messages or submissions beyond one per turn
	Recover    time.Duration
}

var chaosTable struct {
	sync.Mutex
	rows []chaosRow
}

func recordChaos(r chaosRow) {
	chaosTable.Lock()
	defer chaosTable.Unlock()
	chaosTable.rows = append(chaosTable.rows, r)
}

// printChaosTable prints the table the README quotes.
func printChaosTable(t *testing.T) {
	chaosTable.Lock()
	defer chaosTable.Unlock()
	rows := chaosTable.rows
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].Scenario != rows[j].Scenario {
			return rows[i].Scenario < rows[j].Scenario
		}
		return rows[i].Protocol < rows[j].Protocol
	})
	var b strings.Builder
	b.WriteString("\n| scenario | protocol | runs | kills | completed | duplicates | seconds to recover |\n|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %s | %d | %d | %v | %d | %.1f |\n", r.Scenario, r.Protocol, r.Runs, r.Kills, r.Completed, r.Duplicates, r.Recover.Seconds())
	}
	t.Log(b.String())
}

// duplicates counts what the emulator received beyond one run, one user
// message per run and `submits` accepted submissions.
func (e *env) duplicates(runs, submits int) int {
	st := e.emu.Stats()
	return max(st.RunsCreated-runs, 0) + max(st.UserMessagesCreated-runs, 0) + max(st.ToolOutputSubmissions-submits, 0)
}

// startTestWorker starts the test worker (stock tools plus slow_echo) on the
// env's protocol.
func (e *env) startTestWorker(extra ...string) *proc {
	e.t.Helper()
	p := startProc(e.t, filepath.Join(binDir, "testworker"), e.workerEnv(append(e.proto.workerEnv, extra...)...))
	e.t.Cleanup(func() { p.stop(syscall.SIGTERM) })
	return p
}

// waitActivityStarted waits until an activity of the given type is running
// on a worker (not merely scheduled).
func (e *env) waitActivityStarted(ctx context.Context, run *client.Run, activityType string) {
	e.t.Helper()
	e.awaitPendingActivity(ctx, run, activityType, 20*time.Second, "started", func(pa *workflowpb.PendingActivityInfo) bool {
		return pa.State == enumspb.PENDING_ACTIVITY_STATE_STARTED
	})
}

// awaitPendingActivity waits until the workflow has a pending activity of
// the given type that matches; what says what it never did.
func (e *env) awaitPendingActivity(ctx context.Context, run *client.Run, activityType string, within time.Duration,
	what string, match func(*workflowpb.PendingActivityInfo) bool) {
	e.t.Helper()
	require.Eventually(e.t, func() bool {
		d, err := e.tc.DescribeWorkflowExecution(ctx, run.WorkflowID, run.WorkflowRunID)
		return err == nil && slices.ContainsFunc(d.PendingActivities, func(pa *workflowpb.PendingActivityInfo) bool {
			return pa.ActivityType.GetName() == activityType && match(pa)
		})
	}, within, 20*time.Millisecond, "activity %s never %s", activityType, what)
}

// startThinking starts a run of message and waits until it exists at the
// API and the model is thinking on it: the workflow waits, and the run has
// an ID (from the workflow, or from the heartbeat of the activity following
// the run).
func (e *env) startThinking(ctx context.Context, asst, message string) *client.Run {
	e.t.Helper()
	run, err := e.client.StartRun(ctx, assistant.RunRequest{AssistantID: asst, Message: message})
	require.NoError(e.t, err)
	require.Eventually(e.t, func() bool {
		st, err := run.State(ctx)
		return err == nil && st.Phase == assistant.PhaseWaiting && st.APIRunID != ""
	}, 20*time.Second, 20*time.Millisecond, "the run never reached the model")
	return run
}

// holdCommit makes the emulator block right after it commits the change at
// cp, and tells the test; the test releases it once the worker is dead.
func (e *env) holdCommit(cp commitPoint) (hit <-chan string, release func()) {
	ch := make(chan string, 1)
	gate := make(chan struct{})
	var seen atomic.Int32
	e.emu.OnCommit(func(got, id string) {
		if got != cp.op || int(seen.Add(1)) != cp.n {
			return
		}
		ch <- id
		<-gate
	})
	var rel sync.Once
	release = func() { rel.Do(func() { close(gate) }) }
	e.t.Cleanup(release)
	return ch, release
}
