package integration

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

const threadAndRunRoute = "POST /v1/threads/runs"

// TestCreateThreadAndRun: through a real worker and server, a run asked to
// create its thread with it makes one POST /threads/runs and no thread on
// its own, polled (starter --create-thread-and-run, a tool round; recorded
// as the golden run_thread_and_run) and streamed; a create whose answer is
// lost is not sent again: the run fails StartOutcomeUnknown with one thread
// and one run at the API. The responses protocol refuses it, saying why.
func TestCreateThreadAndRun(t *testing.T) {
	for _, p := range protocols {
		t.Run(p.name, func(t *testing.T) {
			e, _ := protocolEnv(t, p, openaitest.Options{})
			asst := p.assistant(e)
			if p.name == "responses" {
				_, errOut, code := e.starter("run", "--assistant", asst, "--message", "hi", "--create-thread-and-run")
				require.Equal(t, 1, code)
				require.Contains(t, errOut, "Responses API has no request that creates a conversation and a response")
				require.Zero(t, e.emu.Stats().ResponsesCreated)
				return
			}
			out, errOut, code := e.starter("run", "--assistant", asst, "--message", twoToolsMessage, "--create-thread-and-run",
				"--workflow-id", "golden-thread-and-run", "--json")
			require.Equal(t, 0, code, errOut+out)
			var got map[string]any
			require.NoError(t, json.Unmarshal([]byte(out), &got))
			require.Regexp(t, `^thread_`, got["thread_id"])
			require.Contains(t, got["reply"], "calculate -> ")
			e.saveGolden(e.ctx(30*time.Second), "run_thread_and_run", "golden-thread-and-run", "")

			res, err := e.client.Run(e.ctx(time.Minute), assistant.RunRequest{AssistantID: asst, Message: "hello",
				Mode: assistant.ModeStream, CreateThreadAndRun: true})
			require.NoError(t, err)
			require.Equal(t, "Echo: hello", res.Reply)
			stats := e.emu.Stats()
			require.Equal(t, 2, stats.Requests[threadAndRunRoute])
			require.Zero(t, stats.Requests["POST /v1/threads"], "no thread made on its own")
			require.Equal(t, 2, stats.ThreadsCreated)

			e.emu.InjectFault(fault(threadAndRunRoute, openaitest.Fault{AfterCommit: true, Drop: true}))
			_, err = e.client.Run(e.ctx(time.Minute), assistant.RunRequest{AssistantID: asst, Message: "hello", CreateThreadAndRun: true})
			var app *temporal.ApplicationError
			require.ErrorAs(t, err, &app)
			require.Equal(t, assistant.ErrorTypeStartUnknown, app.Type())
			require.Equal(t, 3, e.emu.Stats().Requests[threadAndRunRoute], "the lost create was not sent again")
			require.Equal(t, 3, e.emu.Stats().RunsCreated)
		})
	}
}

// TestThreadAndMessageOperations: through a real worker, on both protocols,
// the starter's thread create, message create/get/update, run update and
// step get, and the client's operation key (the same key twice: one
// message). What the API cannot do on the responses protocol is refused.
func TestThreadAndMessageOperations(t *testing.T) {
	for _, p := range protocols {
		t.Run(p.name, func(t *testing.T) {
			e, _ := protocolEnv(t, p, openaitest.Options{})
			var th assistant.ThreadInfo
			starterJSON(t, e, &th, "thread", "create", "--metadata", "team=a", "--json")
			require.Equal(t, "a", th.Metadata["team"])

			var m assistant.ThreadMessage
			starterJSON(t, e, &m, "message", "create", "--thread", th.ID, "--text", "context first", "--json")
			again, err := e.client.CreateMessage(e.ctx(30*time.Second), th.ID, "user", "keyed", nil, client.WithOperationKey("k-"+p.name))
			require.NoError(t, err)
			twice, err := e.client.CreateMessage(e.ctx(30*time.Second), th.ID, "user", "keyed", nil, client.WithOperationKey("k-"+p.name))
			require.NoError(t, err)
			require.Equal(t, again.ID, twice.ID, "the same key: the first call's message")
			require.Equal(t, 2, e.emu.Stats().UserMessagesCreated)
			var read assistant.ThreadMessage
			starterJSON(t, e, &read, "message", "get", m.ID, "--thread", th.ID, "--json")
			require.Equal(t, "context first", read.Text)

			res, err := e.client.Run(e.ctx(time.Minute), assistant.RunRequest{AssistantID: p.assistant(e), ThreadID: th.ID,
				Message: `call: calculate {"expression":"6*7"}`, IncludeSteps: true})
			require.NoError(t, err)
			require.Equal(t, assistant.StatusCompleted, res.Status)
			var step assistant.RunStep
			starterJSON(t, e, &step, "step", "get", res.Steps[0].ID, "--thread", th.ID, "--run", res.APIRunID, "--json")
			require.Equal(t, "calculate", step.ToolCalls[0].Name)

			_, errMsg, codeMsg := e.starter("message", "update", m.ID, "--thread", th.ID, "--metadata", "k=v")
			_, errRun, codeRun := e.starter("run", "update", res.APIRunID, "--thread", th.ID, "--metadata", "k=v")
			if p.name == "responses" {
				require.Equal(t, 1, codeMsg)
				require.Contains(t, errMsg, "cannot change an item")
				require.Equal(t, 1, codeRun)
				require.Contains(t, errRun, "cannot change a response's metadata")
				return
			}
			require.Equal(t, 0, codeMsg, errMsg)
			require.Equal(t, 0, codeRun, errRun)
			var run assistant.ThreadRun
			starterJSON(t, e, &run, "run", "update", res.APIRunID, "--thread", th.ID, "--metadata", "k=w", "--json")
			require.Equal(t, map[string]string{"k": "w"}, run.Metadata)
		})
	}
}

// starterJSON runs the starter, requires success and decodes its JSON.
func starterJSON(t *testing.T, e *env, out any, args ...string) {
	t.Helper()
	stdout, stderr, code := e.starter(args...)
	require.Equal(t, 0, code, stderr+stdout)
	require.NoError(t, json.Unmarshal([]byte(stdout), out), stdout)
}
