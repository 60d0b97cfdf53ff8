package integration

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// twoCalcsMessage asks for two parallel calls with outputs that do not
// depend on the clock, so the two modes' replies compare equal.
const twoCalcsMessage = "Two sums\n" + `call: calculate {"expression":"17*23"}` + "\n" +
	`call: calculate {"expression":"2^10"}`

// runMode runs twoCalcsMessage in the given mode on a fresh emulator and
// returns the result and the emulator's counters.
func runMode(t *testing.T, mode assistant.Mode) (assistant.Result, openaitest.Stats) {
	e := newEnv(t, openaitest.Options{ModelLatency: 200 * time.Millisecond})
	e.startWorker()
	asst := e.createAssistant()
	res, err := e.client.Run(e.ctx(60*time.Second), assistant.RunRequest{AssistantID: asst,
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
// with fewer API requests: create + submit, no polls.
func TestStreamRunWithToolCalls(t *testing.T) {
	streamed, sst := runMode(t, assistant.ModeStream)
	polled, pst := runMode(t, assistant.ModePoll)

	require.Equal(t, assistant.StatusCompleted, streamed.Status)
	require.Equal(t, polled.Reply, streamed.Reply)
	require.Len(t, streamed.ToolCalls, 2)
	require.Contains(t, streamed.Reply, "391")
	for _, st := range []openaitest.Stats{sst, pst} {
		require.Equal(t, 1, st.RunsCreated)
		require.Equal(t, 1, st.UserMessagesCreated)
		require.Equal(t, 1, st.ToolOutputSubmissions)
	}
	require.Zero(t, sst.Requests["GET /v1/threads/{thread_id}/runs/{run_id}"], "stream mode never polls")
	require.Less(t, totalRequests(sst), totalRequests(pst), "stream %v\npoll %v", sst.Requests, pst.Requests)
	t.Logf("API requests for one run with a tool round: stream %d, poll %d", totalRequests(sst), totalRequests(pst))
}

// streamFaultRun runs a plain message in stream mode with one fault on the
// create stream and requires it to complete once.
func streamFaultRun(t *testing.T, f openaitest.Fault) time.Duration {
	e := newEnv(t, openaitest.Options{})
	e.startWorker()
	asst := e.createAssistant()
	f.Method, f.Route = "POST", "/v1/threads/{thread_id}/runs"
	e.emu.InjectFault(f)
	began := time.Now()
	res, err := e.client.Run(e.ctx(60*time.Second), assistant.RunRequest{AssistantID: asst,
		Message: "a reply that is cut or stalled mid-message", Mode: assistant.ModeStream})
	require.NoError(t, err)
	require.Equal(t, assistant.StatusCompleted, res.Status)
	require.Equal(t, "Echo: a reply that is cut or stalled mid-message", res.Reply)
	st := e.emu.Stats()
	require.Equal(t, 1, st.RunsCreated)
	require.Equal(t, 1, st.UserMessagesCreated)
	return time.Since(began)
}

func TestStreamCutMidMessageCompletesOnce(t *testing.T) {
	streamFaultRun(t, openaitest.Fault{StreamCutAfter: 8})
}

// The stall outlasts the heartbeat timeout: the watchdog (two thirds of it)
// ends the attempt and the retry re-attaches by polling.
func TestStreamStallFiresWatchdogAndCompletesOnce(t *testing.T) {
	took := streamFaultRun(t, openaitest.Fault{StreamStall: 30 * time.Second, StreamStallAfter: 7})
	require.Less(t, took, 20*time.Second, "the watchdog ended the stalled attempt")
}
