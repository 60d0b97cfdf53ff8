package integration

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// twoCalcsMessage asks for two parallel calls with outputs that do not
// depend on the clock, so the two modes' replies compare equal.
const twoCalcsMessage = "Two sums\n" + `call: calculate {"expression":"17*23"}` + "\n" +
	`call: calculate {"expression":"2^10"}`

// runMode runs twoCalcsMessage on protocol p in the given mode on a fresh
// emulator and returns the result and the emulator's counters.
func runMode(t *testing.T, p protocol, mode assistant.Mode) (assistant.Result, openaitest.Stats) {
	e := newEnv(t, openaitest.Options{ModelLatency: 200 * time.Millisecond})
	e.proto = p
	e.startWorker(p.workerEnv...)
	res, err := e.client.Run(e.ctx(60*time.Second), assistant.RunRequest{AssistantID: p.assistant(e),
		Message: twoCalcsMessage, Mode: mode})
	require.NoError(t, err)
	return res, e.emu.Stats()
}

func totalRequests(st openaitest.Stats) int {
	n := 0
	for _, c := range st.Requests {
		n += c
	}
	return n
}

// A streamed run with a tool round ends like a polled one, exactly once, and
// with fewer API requests: create + submit, no polls. On the responses
// protocol the submit reads the run's previous response once (its model,
// instructions and metadata), in both modes.
func TestStreamRunWithToolCalls(t *testing.T) {
	for _, p := range protocols {
		t.Run(p.name, func(t *testing.T) {
			streamed, sst := runMode(t, p, assistant.ModeStream)
			polled, pst := runMode(t, p, assistant.ModePoll)

			require.Equal(t, assistant.StatusCompleted, streamed.Status)
			require.Equal(t, polled.Reply, streamed.Reply)
			require.Len(t, streamed.ToolCalls, 2)
			require.Contains(t, streamed.Reply, "391")
			require.Equal(t, polled.Usage, streamed.Usage)
			for _, st := range []openaitest.Stats{sst, pst} {
				require.Equal(t, 1, st.RunsCreated)
				require.Equal(t, 1, st.UserMessagesCreated)
				require.Equal(t, 1, st.ToolOutputSubmissions)
			}
			chainReads := 0
			if p.name == "responses" {
				chainReads = 1
				require.Equal(t, 2, sst.ResponsesCreated)
			}
			require.Equal(t, chainReads, sst.Requests[p.pollRoute], "stream mode never polls")
			require.Less(t, totalRequests(sst), totalRequests(pst), "stream %v\npoll %v", sst.Requests, pst.Requests)
			t.Logf("%s: API requests for one run with a tool round: stream %d, poll %d", p.name, totalRequests(sst), totalRequests(pst))
		})
	}
}

// midMessage is how many events of a create stream of streamFaultMessage
// come before its third text delta, per protocol.
var midMessage = map[string]int{"assistants": 8, "responses": 6}

const streamFaultMessage = "a reply that is cut or stalled mid-message"

// streamFaultRun runs a plain message on protocol p in stream mode with one
// fault on the create stream and requires it to complete once.
func streamFaultRun(t *testing.T, p protocol, f openaitest.Fault) time.Duration {
	e := newEnv(t, openaitest.Options{})
	e.proto = p
	e.startWorker(p.workerEnv...)
	e.emu.InjectFault(fault(p.createRoute, f))
	began := time.Now()
	res, err := e.client.Run(e.ctx(60*time.Second), assistant.RunRequest{AssistantID: p.assistant(e),
		Message: streamFaultMessage, Mode: assistant.ModeStream})
	require.NoError(t, err)
	require.Equal(t, assistant.StatusCompleted, res.Status)
	require.Equal(t, "Echo: "+streamFaultMessage, res.Reply)
	st := e.emu.Stats()
	require.Equal(t, 1, st.RunsCreated)
	require.Equal(t, 1, st.UserMessagesCreated)
	if p.name == "responses" {
		require.Equal(t, 1, st.ResponsesCreated)
		require.Equal(t, 1, st.ResponseStreamsResumed, "the retry resumed the stream")
	}
	return time.Since(began)
}

func TestStreamCutMidMessageCompletesOnce(t *testing.T) {
	for _, p := range protocols {
		t.Run(p.name, func(t *testing.T) {
			streamFaultRun(t, p, openaitest.Fault{StreamCutAfter: midMessage[p.name]})
		})
	}
}

// The stall outlasts the heartbeat timeout: the watchdog (two thirds of it)
// ends the attempt and the retry re-attaches (by polling on the assistants
// protocol, by resuming the stream on the responses protocol).
func TestStreamStallFiresWatchdogAndCompletesOnce(t *testing.T) {
	for _, p := range protocols {
		t.Run(p.name, func(t *testing.T) {
			took := streamFaultRun(t, p, openaitest.Fault{StreamStall: 30 * time.Second, StreamStallAfter: midMessage[p.name] - 1})
			require.Less(t, took, 20*time.Second, "the watchdog ended the stalled attempt")
		})
	}
}

// Cancelling a streamed run while the model thinks cuts the stream and
// cancels the run at the API at once, on both protocols: the stream activity
// reports the run it named, and the workflow cancels that run.
func TestCancelStreamedRunCancelsRunAtAPI(t *testing.T) {
	for _, p := range protocols {
		t.Run(p.name, func(t *testing.T) {
			e, _ := protocolEnv(t, p, openaitest.Options{})
			ctx := e.ctx(60 * time.Second)
			run, err := e.client.StartRun(ctx, assistant.RunRequest{AssistantID: p.assistant(e),
				Message: "think long\nsleep: 10m", Mode: assistant.ModeStream})
			require.NoError(t, err)
			require.Eventually(t, func() bool {
				st, err := run.State(ctx)
				return err == nil && st.Phase == assistant.PhaseStreaming && st.APIRunID != ""
			}, 20*time.Second, 20*time.Millisecond, "the stream never named the run")

			cancelled := time.Now()
			require.NoError(t, run.Cancel(ctx))
			_, err = run.Result(ctx)
			var canceled *temporal.CanceledError
			require.ErrorAs(t, err, &canceled)
			require.Less(t, time.Since(cancelled), 30*time.Second, "the cancel did not wait for the 10-minute model")
			st := e.emu.Stats()
			require.Equal(t, 1, st.RunsCreated)
			require.Equal(t, 1, st.RunsCancelled)
			require.Zero(t, st.Requests["GET /v1/threads/{thread_id}/runs"], "the run was named, not looked up by key")
		})
	}
}
