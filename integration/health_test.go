package integration

import (
	"encoding/json"
	"net/http"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/internal/devserver"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// getStatus GETs url and returns the status code (0 when unreachable) and
// the "status" field of the JSON answer.
func getStatus(url string) (int, string) {
	resp, err := (&http.Client{Timeout: 2 * time.Second}).Get(url)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	var body struct{ Status string }
	_ = json.NewDecoder(resp.Body).Decode(&body)
	return resp.StatusCode, body.Status
}

// TestWorkerHealthAndGracefulStop: /readyz and /healthz answer ok while the
// worker polls, `worker healthcheck` agrees; on SIGTERM /readyz turns 503 at
// once while the tool call in flight finishes on this worker (its first
// attempt, not retried elsewhere) and the worker exits 0.
func TestWorkerHealthAndGracefulStop(t *testing.T) {
	e := newEnv(t, openaitest.Options{})
	addr, err := devserver.FreeHostPort()
	require.NoError(t, err)
	w := e.startTestWorker("HEALTH_ADDRESS="+addr, "LOG_LEVEL=info")
	base := "http://" + addr
	require.Eventually(t, func() bool { code, _ := getStatus(base + "/readyz"); return code == http.StatusOK },
		20*time.Second, 50*time.Millisecond, "never ready: %s", w.out.String())
	code, status := getStatus(base + "/healthz")
	require.Equal(t, http.StatusOK, code, status)

	check := exec.Command(filepath.Join(binDir, "worker"), "healthcheck")
	check.Env = []string{"HEALTH_ADDRESS=" + addr}
	out, err := check.CombinedOutput()
	require.NoError(t, err, "worker healthcheck: %s", out)

	asst := e.createAssistant()
	ctx := e.ctx(60 * time.Second)
	run, err := e.client.StartRun(ctx, assistant.RunRequest{AssistantID: asst, Message: slowToolMessage})
	require.NoError(t, err)
	e.waitActivityStarted(ctx, run, "CallTool")
	require.NoError(t, w.cmd.Process.Signal(syscall.SIGTERM))
	require.Eventually(t, func() bool { code, _ := getStatus(base + "/readyz"); return code == http.StatusServiceUnavailable },
		2*time.Second, 20*time.Millisecond, "/readyz still ok after SIGTERM")
	select {
	case <-w.exited:
	case <-time.After(15 * time.Second):
		t.Fatalf("worker did not exit within its stop timeout: %s", w.out.String())
	}
	require.Equal(t, 0, w.cmd.ProcessState.ExitCode(), w.out.String())

	e.startTestWorker() // finishes the run: submit and the model's answer
	res := e.finish(t, run)
	require.Len(t, res.ToolCalls, 1)
	require.Contains(t, res.ToolCalls[0].Output, "attempt 1)", "the tool finished on the stopping worker")
	require.Equal(t, 1, e.emu.Stats().ToolOutputSubmissions)
}
