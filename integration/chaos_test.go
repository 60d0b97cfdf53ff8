package integration

import (
	"errors"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// chaosScenario is one way of hurting a run; it runs once per protocol.
type chaosScenario struct {
	name string
	run  func(t *testing.T, p protocol)
}

var chaosScenarios = []chaosScenario{
	{"a kill after run create commit", chaosKillAfterCreate},
	{"b kill while waiting", chaosKillWhileWaiting},
	{"c kill during tool handler", chaosKillDuringTool},
	{"d kill after submit commit", chaosKillAfterSubmit},
	{"e server restart", chaosServerRestart},
	{"f fault storm (429, 500, 503, drops)", chaosFaultStorm},
	{"g cancel while no worker", chaosCancelWithoutWorker},
	{"h SIGKILL mid-stream", chaosKillMidStream},
	{"i kill during MCP tool call", chaosKillDuringMCPCall},
}

// TestChaos kills the worker with SIGKILL at chosen moments, restarts the dev
// server and storms the API with faults, on both protocols; each time a fresh
// worker must finish the run with exactly one run, one user message and one
// accepted submission per requires_action, as counted by the emulator.
// `make chaos` prints the table.
func TestChaos(t *testing.T) {
	t.Run("scenarios", func(t *testing.T) {
		for _, p := range protocols {
			for _, sc := range chaosScenarios {
				t.Run(p.label()+"/"+sc.name[:1], func(t *testing.T) {
					t.Parallel()
					sc.run(t, p)
				})
			}
		}
	})
	printChaosTable(t)
}

const slowToolMessage = "Echo slowly\n" + `call: slow_echo {"text":"hi","millis":3000}`

// chaosEnv is a test env with a test worker on protocol p.
func chaosEnv(t *testing.T, p protocol) (*env, *proc, string) {
	e, w := protocolEnv(t, p, openaitest.Options{})
	return e, w, p.assistant(e)
}

// killAndReplace SIGKILLs the worker and starts a fresh one at once.
func (e *env) killAndReplace(p *proc) time.Time {
	p.stop(syscall.SIGKILL)
	killed := time.Now()
	e.startTestWorker()
	return killed
}

func (e *env) finish(t *testing.T, run *client.Run) assistant.Result {
	res, err := run.Result(e.ctx(90 * time.Second))
	require.NoError(t, err)
	require.Equal(t, assistant.StatusCompleted, res.Status)
	return res
}

func chaosKillAfterCreate(t *testing.T, p protocol) {
	e, w, asst := chaosEnv(t, p)
	hit, release := e.holdCommit(p.createCommit)
	run, err := e.client.StartRun(e.ctx(30*time.Second), assistant.RunRequest{AssistantID: asst, Message: "hello"})
	require.NoError(t, err)
	<-hit // the run exists at the API; its answer has not left the emulator
	killed := e.killAndReplace(w)
	release()
	res := e.finish(t, run)
	require.Equal(t, "Echo: hello", res.Reply)
	e.recordAndCheck(t, "a kill after run create commit", 1, 0, 1, killed)
}

func chaosKillWhileWaiting(t *testing.T, p protocol) {
	e, w, asst := chaosEnv(t, p)
	ctx := e.ctx(60 * time.Second)
	run := e.startThinking(ctx, asst, "wait\nsleep: 2s")
	killed := e.killAndReplace(w)
	e.finish(t, run)
	require.Zero(t, e.emu.Stats().Requests[p.adoptRoute], "the retry followed the heartbeated run, no lookup")
	e.recordAndCheck(t, "b kill while waiting", 1, 0, 1, killed)
}

func chaosKillDuringTool(t *testing.T, p protocol) {
	e, w, asst := chaosEnv(t, p)
	ctx := e.ctx(60 * time.Second)
	run, err := e.client.StartRun(ctx, assistant.RunRequest{AssistantID: asst, Message: slowToolMessage})
	require.NoError(t, err)
	e.waitActivityStarted(ctx, run, "CallTool")
	killed := e.killAndReplace(w)
	res := e.finish(t, run)
	require.Len(t, res.ToolCalls, 1)
	require.Contains(t, res.ToolCalls[0].Output, "attempt 2") // the handler ran again, knowingly
	e.recordAndCheck(t, "c kill during tool handler", 1, 1, 1, killed)
}

func chaosKillAfterSubmit(t *testing.T, p protocol) {
	e, w, asst := chaosEnv(t, p)
	hit, release := e.holdCommit(p.submitCommit)
	run, err := e.client.StartRun(e.ctx(30*time.Second), assistant.RunRequest{AssistantID: asst, Message: twoToolsMessage})
	require.NoError(t, err)
	<-hit // the outputs are accepted; the answer has not left the emulator
	killed := e.killAndReplace(w)
	release()
	res := e.finish(t, run)
	require.Contains(t, res.Reply, "391")
	e.recordAndCheck(t, "d kill after submit commit", 1, 1, 1, killed)
}

func chaosFaultStorm(t *testing.T, p protocol) {
	e, _, asst := chaosEnv(t, p)
	// Faults on one route are used in the order given: the create meets three
	// 429s then loses its answer; the submit meets two 503s then loses its.
	e.emu.InjectFault(fault(p.createRoute, openaitest.Fault{Status: 429, RetryAfter: time.Second, Count: 3}))
	e.emu.InjectFault(fault(p.createRoute, openaitest.Fault{Drop: true, AfterCommit: true, Count: 1}))
	e.emu.InjectFault(fault(p.pollRoute, openaitest.Fault{Status: 500, Count: 3}))
	e.emu.InjectFault(fault(p.submitRoute, openaitest.Fault{Status: 503, Count: 2}))
	e.emu.InjectFault(fault(p.submitRoute, openaitest.Fault{Drop: true, AfterCommit: true, Count: 1}))
	start := time.Now()
	res, err := e.client.Run(e.ctx(120*time.Second), assistant.RunRequest{AssistantID: asst, Message: twoToolsMessage})
	require.NoError(t, err)
	require.Equal(t, assistant.StatusCompleted, res.Status)
	e.recordAndCheck(t, "f fault storm (429, 500, 503, drops)", 1, 1, 0, start)
}

func chaosCancelWithoutWorker(t *testing.T, p protocol) {
	e, w, asst := chaosEnv(t, p)
	ctx := e.ctx(60 * time.Second)
	run := e.startThinking(ctx, asst, "long\nsleep: 10m")
	w.stop(syscall.SIGKILL)
	killed := time.Now()
	require.NoError(t, run.Cancel(ctx)) // nobody is there to act on it yet
	e.startTestWorker()
	_, err := run.Result(ctx)
	var canceled *temporal.CanceledError
	require.True(t, errors.As(err, &canceled), "want cancelled, got %v", err)
	st := e.emu.Stats()
	cancelled := st.RunsCancelled // on both protocols
	recordChaos(chaosRow{Scenario: "g cancel while no worker", Protocol: p.label(), Runs: st.RunsCreated, Kills: 1,
		Completed: cancelled == 1, Duplicates: e.duplicates(1, 0), Recover: time.Since(killed)})
	require.Equal(t, 1, cancelled, "cancelled at the API")
	require.Equal(t, 0, e.duplicates(1, 0))
}

// recordAndCheck adds the scenario to the table and asserts exactly once.
func (e *env) recordAndCheck(t *testing.T, name string, runs, submits, kills int, since time.Time) {
	st := e.emu.Stats()
	row := chaosRow{Scenario: name, Protocol: e.proto.label(), Runs: st.RunsCreated, Kills: kills, Completed: true,
		Duplicates: e.duplicates(runs, submits), Recover: time.Since(since)}
	recordChaos(row)
	require.Equal(t, runs, st.RunsCreated, "runs created")
	require.Equal(t, runs, st.UserMessagesCreated, "user messages")
	require.Equal(t, submits, st.ToolOutputSubmissions, "accepted submissions")
}
