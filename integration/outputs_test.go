package integration

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// A round of 80 tool calls with max-size outputs (80 x 32 KiB encoded: 2.6
// MB, over the server's 2 MB payload limit, which terminated the workflow
// and left its run in requires_action) completes on a real server: the
// outputs are cut to fit one submit, and the emulator gets all 80, each with
// its note.
func TestRunRoundOfLargeOutputsCompletes(t *testing.T) {
	e := newEnv(t, openaitest.Options{})
	e.startTestWorker()
	asst := e.createAssistant()
	const n = 80
	var msg strings.Builder
	msg.WriteString("many large outputs\n")
	for range n {
		fmt.Fprintf(&msg, "call: repeat {\"text\":\"<ab>\",\"times\":%d}\n", 40000)
	}
	res, err := e.client.Run(e.ctx(2*time.Minute), assistant.RunRequest{AssistantID: asst, Message: msg.String()})
	require.NoError(t, err)
	require.Equal(t, assistant.StatusCompleted, res.Status)
	require.Len(t, res.ToolCalls, n)
	for _, rec := range res.ToolCalls {
		require.True(t, rec.Truncated)
	}
	// The reply echoes every output the emulator received.
	require.Equal(t, n, strings.Count(res.Reply, "repeat -> <ab><ab>"))
	require.Equal(t, n, strings.Count(res.Reply, "bytes]"), "each output carries its note")
	st := e.emu.Stats()
	require.Equal(t, 1, st.ToolOutputSubmissions)
	require.Zero(t, st.RunsCancelled)
}
