package integration

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/openaitest"
)

// starter runs the starter binary against this test's task queue.
func (e *env) starter(args ...string) (stdout, stderr string, code int) {
	e.t.Helper()
	cmd := exec.Command(filepath.Join(binDir, "starter"), args...)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "TEMPORAL_ADDRESS=" + temporalAddr, "TEMPORAL_TASK_QUEUE=" + e.taskQueue}
	var out, errOut syncWriter
	out.b, errOut.b = new(stringsBuilder), new(stringsBuilder)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else {
		require.NoError(e.t, err)
	}
	return out.String(), errOut.String(), code
}

func TestStarterCLI(t *testing.T) {
	e := newEnv(t, openaitest.Options{})
	e.startWorker()
	out, errOut, code := e.starter("assistant", "create", "--name", "cli", "--model", "gpt-4o")
	require.Equal(t, 0, code, errOut)
	asst := trimSpace(out)
	require.Regexp(t, `^asst_\w+$`, asst)

	t.Run("json completed", func(t *testing.T) {
		out, errOut, code := e.starter("run", "--assistant", asst, "--message", twoToolsMessage, "--json")
		require.Equal(t, 0, code, errOut)
		var got map[string]any
		require.NoError(t, json.Unmarshal([]byte(out), &got), "stdout must be exactly one JSON object: %q", out)
		require.Equal(t, "completed", got["status"])
		require.Contains(t, got["reply"], "391")
		for _, k := range []string{"workflow_id", "thread_id", "run_id", "ui_url"} {
			require.NotEmpty(t, got[k], k)
		}
		require.Len(t, got["tool_calls"], 2)
	})
	t.Run("failed run exits 1", func(t *testing.T) {
		out, _, code := e.starter("run", "--assistant", asst, "--message", "fail: server_error boom", "--json")
		require.Equal(t, 1, code)
		var got map[string]any
		require.NoError(t, json.Unmarshal([]byte(out), &got))
		require.Equal(t, "failed", got["status"])
		require.Contains(t, got["error"], "boom")
	})
	t.Run("unknown assistant exits 1 naming it", func(t *testing.T) {
		_, errOut, code := e.starter("run", "--assistant", "asst_missing", "--message", "hi")
		require.Equal(t, 1, code)
		require.Contains(t, errOut, "asst_missing")
	})
	t.Run("text output", func(t *testing.T) {
		out, _, code := e.starter("run", "--assistant", asst, "--message", "hello there")
		require.Equal(t, 0, code)
		require.Contains(t, out, "Echo: hello there")
		require.Regexp(t, `status:\s+completed`, out)
		require.Regexp(t, `ui:\s+http://localhost:8233/namespaces/default/workflows/run-`, out)
	})
	t.Run("no wait", func(t *testing.T) {
		out, _, code := e.starter("run", "--assistant", asst, "--message", "later", "--no-wait", "--json")
		require.Equal(t, 0, code)
		var got map[string]any
		require.NoError(t, json.Unmarshal([]byte(out), &got))
		require.Equal(t, "started", got["status"])
		require.NotEmpty(t, got["workflow_id"])
	})
	t.Run("usage errors exit 2", func(t *testing.T) {
		_, errOut, code := e.starter("run", "--assistant", asst)
		require.Equal(t, 2, code)
		require.Contains(t, errOut, "message is empty")
		_, _, code = e.starter("bogus")
		require.Equal(t, 2, code)
	})
}

func TestWorkerConfigErrorsNameTheVariable(t *testing.T) {
	e := newEnv(t, openaitest.Options{})
	cases := []struct{ env, mention string }{
		{"OPENAI_API_KEY=", "OPENAI_API_KEY"},
		{"POLL_MAX=soon", "POLL_MAX"},
		{"OPENAI_BASE_URL=not a url", "OPENAI_BASE_URL"},
		{"LOG_FORMAT=xml", "LOG_FORMAT"},
	}
	for _, tc := range cases {
		t.Run(tc.mention, func(t *testing.T) {
			cmd := exec.Command(filepath.Join(binDir, "worker"))
			cmd.Env = e.workerEnv(tc.env)
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			require.ErrorAs(t, err, &exit, "worker must exit non-zero: %s", out)
			require.Contains(t, string(out), tc.mention)
		})
	}
}

func TestWorkerStopsGracefullyOnSIGTERM(t *testing.T) {
	e := newEnv(t, openaitest.Options{})
	p := e.startWorker("LOG_LEVEL=info")
	e.createAssistant() // the worker is up and serving
	start := time.Now()
	p.stop(syscall.SIGTERM)
	require.Equal(t, 0, p.cmd.ProcessState.ExitCode(), p.out.String())
	require.Less(t, time.Since(start), 12*time.Second)
	require.Contains(t, p.out.String(), "Worker stopping")
}

// TestStarterStreamPrintsTextAsItGrows: `starter run --stream` prints the
// reply while the model is still writing it (from the run's live state),
// then the usual summary with the whole reply.
func TestStarterStreamPrintsTextAsItGrows(t *testing.T) {
	// About 2.5 s of streaming: the live text reaches the client through
	// heartbeats, which the worker sends at most once a second.
	e := newEnv(t, openaitest.Options{StreamDeltaDelay: 150 * time.Millisecond})
	e.startWorker()
	asst := e.createAssistant()
	words := "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
	out, errOut, code := e.starter("run", "--assistant", asst, "--message", words, "--stream")
	require.Equal(t, 0, code, errOut)
	// Its start once as it streamed, then the whole reply in the summary.
	require.Equal(t, 2, strings.Count(out, "Echo: one two"), out)
	require.Contains(t, out, "Echo: "+words)
	require.Equal(t, 1, e.emu.Stats().RunsCreated)
	require.Zero(t, e.emu.Stats().Requests["GET /v1/threads/{thread_id}/runs/{run_id}"], "stream mode does not poll")
}
