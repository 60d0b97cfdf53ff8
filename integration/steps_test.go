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
// assistants protocol pays a request for them, exactly one.
func TestRunStepsInResult(t *testing.T) {
	for _, p := range protocols {
		t.Run(p.name, func(t *testing.T) {
			e, _ := protocolEnv(t, p, openaitest.Options{})
			res, err := e.client.Run(e.ctx(60*time.Second), assistant.RunRequest{
				AssistantID: p.assistant(e), Message: twoToolsMessage, Mode: assistant.ModePoll, IncludeSteps: true})
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
			if p.name == "assistants" {
				want = 1
			}
			require.Equal(t, want, e.emu.Stats().Requests["GET /v1/threads/{thread_id}/runs/{run_id}/steps"])
		})
	}
}
