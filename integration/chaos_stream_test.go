package integration

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// longReplyMessage is echoed back word by word: with StreamDeltaDelay the
// stream stays open long enough (4 s) to be seen and interrupted mid-message,
// even when a loaded machine makes each State call take a second.
var longReplyMessage = strings.Repeat("stream me slowly ", 40)

// chaosKillMidStream SIGKILLs the worker while the reply streams in (the
// client already shows part of it); the fresh worker re-attaches to the run
// (by polling on the assistants protocol, by resuming the response's stream
// after the last event heartbeated on the responses protocol) and the run
// completes once.
func chaosKillMidStream(t *testing.T, p protocol) {
	e, w := protocolEnv(t, p, openaitest.Options{StreamDeltaDelay: 100 * time.Millisecond})
	asst := p.assistant(e)
	ctx := e.ctx(60 * time.Second)
	run, err := e.client.StartRun(ctx, assistant.RunRequest{AssistantID: asst, Message: longReplyMessage,
		Mode: assistant.ModeStream})
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		st, err := run.State(ctx)
		return err == nil && st.Phase == assistant.PhaseStreaming && st.Text != ""
	}, 20*time.Second, 50*time.Millisecond, "the reply never started streaming")
	killed := e.killAndReplace(w)
	res := e.finish(t, run)
	require.Equal(t, "Echo: "+strings.TrimSpace(longReplyMessage), res.Reply)
	if p.name == "responses" {
		require.Positive(t, e.emu.Stats().ResponseStreamsResumed, "the fresh worker resumed the stream")
	}
	e.recordAndCheck(t, "h SIGKILL mid-stream", 1, 0, 1, killed)
}
