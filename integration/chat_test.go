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

// TestStarterChatApprovals drives `starter chat` through tool calls that need
// approval: the chat asks, the next input line answers ("y" approves, "n
// <reason>" denies with the reason told to the model), and the turns end
// with the tool's output and with the denial.
func TestStarterChatApprovals(t *testing.T) {
	e := newEnv(t, openaitest.Options{})
	approvalWorker(t, e)
	asst := e.createAssistant()
	cmd := exec.Command(filepath.Join(binDir, "starter"), "chat", "--conversation", "approve-"+e.taskQueue, "--assistant", asst)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "TEMPORAL_ADDRESS=" + temporalAddr, "TEMPORAL_TASK_QUEUE=" + e.taskQueue}
	cmd.Stdin = strings.NewReader(`call: wire_money {"amount":5}` + "\ny\n" + `call: wire_money {"amount":7}` + "\nn too much\n/end\n")
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	require.NoError(t, cmd.Run(), "stderr: %s", errOut.String())

	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 2, out.String())
	require.Equal(t, "Tool results: wire_money -> wired 5", lines[0])
	require.Contains(t, lines[1], "the user denied this call of wire_money: too much")
	require.Contains(t, errOut.String(), `approve wire_money({"amount":5})? [y/N] y`)
	require.Contains(t, errOut.String(), `approve wire_money({"amount":7})? [y/N] n too much`)
	st := e.emu.Stats()
	require.Equal(t, 2, st.RunsCreated)
	require.Equal(t, 2, st.ToolOutputSubmissions)
}

// TestStarterChatMessageFile: messages of several lines come from files,
// never argv: --message-file sends the first, /file PATH a later one, and
// each is one turn with all its lines.
func TestStarterChatMessageFile(t *testing.T) {
	e := newEnv(t, openaitest.Options{})
	e.startWorker()
	asst := e.createAssistant()
	dir := t.TempDir()
	first, second := filepath.Join(dir, "first.txt"), filepath.Join(dir, "second.txt")
	require.NoError(t, os.WriteFile(first, []byte("first line\nsecond line\n"), 0o600))
	require.NoError(t, os.WriteFile(second, []byte("third line\nfourth line\n"), 0o600))
	cmd := exec.Command(filepath.Join(binDir, "starter"), "chat", "--conversation", "file-"+e.taskQueue,
		"--assistant", asst, "--message-file", first)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "TEMPORAL_ADDRESS=" + temporalAddr, "TEMPORAL_TASK_QUEUE=" + e.taskQueue}
	cmd.Stdin = strings.NewReader("/file " + second + "\none more\n/end\n")
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	require.NoError(t, cmd.Run(), "stderr: %s", errOut.String())

	require.Equal(t, "Echo: first line\nsecond line\nEcho: third line\nfourth line\nEcho: one more\n", out.String())
	require.Equal(t, 3, e.emu.Stats().RunsCreated)
}
