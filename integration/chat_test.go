package integration

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/openaitest"
)

// TestStarterChatPiped drives `starter chat` with piped standard input: each
// line is a turn, replies come back in order, /history lists the turns and
// /end ends the conversation.
func TestStarterChatPiped(t *testing.T) {
	e := newEnv(t, openaitest.Options{})
	e.startWorker()
	asst := e.createAssistant()
	cmd := exec.Command(filepath.Join(binDir, "starter"), "chat", "--conversation", "piped-"+e.taskQueue, "--assistant", asst)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "TEMPORAL_ADDRESS=" + temporalAddr, "TEMPORAL_TASK_QUEUE=" + e.taskQueue}
	cmd.Stdin = strings.NewReader("first message\n\nsecond message\n/history\n/end\n")
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	require.NoError(t, cmd.Run(), "stderr: %s", errOut.String())

	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.GreaterOrEqual(t, len(lines), 2, out.String())
	require.Equal(t, "Echo: first message", lines[0])
	require.Equal(t, "Echo: second message", lines[1])
	require.Contains(t, out.String()+errOut.String(), "conversation ended")
	require.Equal(t, 2, e.emu.Stats().RunsCreated)
	require.Equal(t, 1, e.emu.Stats().ThreadsCreated)
}
