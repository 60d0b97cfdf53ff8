package integration

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// A run that asks for its steps lists them in the Result on both protocols:
// the tool calls with their outputs, then the reply's message. Only the
// assistants protocol in poll mode pays a request for them, exactly one.
func TestRunStepsInResult(t *testing.T) {
	for _, p := range protocols {
		t.Run(p.name, func(t *testing.T) {
			e, _ := protocolEnv(t, p, openaitest.Options{})
			for _, mode := range []assistant.Mode{assistant.ModePoll, assistant.ModeStream} {
				t.Run(string(mode), func(t *testing.T) { requireSteps(t, e, p, mode) })
			}
		})
	}
}

func requireSteps(t *testing.T, e *env, p protocol, mode assistant.Mode) {
	before := e.emu.Stats().Requests[stepsRoute]
	res, err := e.client.Run(e.ctx(60*time.Second), assistant.RunRequest{
		AssistantID: p.assistant(e), Message: twoToolsMessage, Mode: mode, IncludeSteps: true})
	requireTwoToolsAnswered(t, res, err)

	var calls []assistant.StepToolCall
	for _, s := range res.Steps {
		calls = append(calls, s.ToolCalls...)
	}
	require.Len(t, calls, 2, "steps: %+v", res.Steps)
	for _, c := range calls {
		require.Equal(t, "function", c.Type)
		require.NotEmpty(t, c.Output, "call %s", c.ID)
	}
	last := res.Steps[len(res.Steps)-1]
	require.Equal(t, "message_creation", last.Type)
	require.NotEmpty(t, last.MessageID)

	want := 0
	if p.name == "assistants" && mode == assistant.ModePoll {
		want = 1
	}
	require.Equal(t, want, e.emu.Stats().Requests[stepsRoute]-before)
}

const stepsRoute = "GET /v1/threads/{thread_id}/runs/{run_id}/steps"
