package integration

import (
	"context"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/api/workflowservice/v1"
	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/internal/devserver"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// TestWorkerServesPrometheusMetrics scrapes a real worker process after a
// run with two tool calls: the project's counters and the SDK's are there.
func TestWorkerServesPrometheusMetrics(t *testing.T) {
	e := newEnv(t, openaitest.Options{})
	addr, err := devserver.FreeHostPort()
	require.NoError(t, err)
	e.startWorker("METRICS_ADDRESS=" + addr)
	res, err := e.client.Run(e.ctx(60*time.Second), assistant.RunRequest{AssistantID: e.createAssistant(), Message: twoToolsMessage})
	require.NoError(t, err)
	require.Equal(t, assistant.StatusCompleted, res.Status)

	var body string
	require.Eventually(t, func() bool {
		resp, err := http.Get("http://" + addr + "/metrics")
		if err != nil {
			return false
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		body = string(b)
		return resp.StatusCode == http.StatusOK
	}, 10*time.Second, 100*time.Millisecond)
	require.Regexp(t, `durable_assistants_runs_total\{[^}]*status="completed"[^}]*\} 1\b`, body)
	require.Regexp(t, `durable_assistants_tool_calls_total\{[^}]*tool="calculate"[^}]*\} 1\b`, body)
	require.Regexp(t, `durable_assistants_tokens_total\{[^}]*kind="prompt"`, body)
	require.Contains(t, body, "temporal_") // the SDK's own metrics share the endpoint
}

// TestWorkerWithoutRegistrationRightsNamesMissingSearchAttributes: in a
// namespace without the search attributes, a worker told not to register
// them exits non-zero, naming them and the commands that add them.
func TestWorkerWithoutRegistrationRightsNamesMissingSearchAttributes(t *testing.T) {
	e := newEnv(t, openaitest.Options{})
	ns := "no-attributes-" + e.taskQueue
	_, err := e.tc.WorkflowService().RegisterNamespace(context.Background(), &workflowservice.RegisterNamespaceRequest{
		Namespace: ns, WorkflowExecutionRetentionPeriod: durationpb.New(24 * time.Hour),
	})
	require.NoError(t, err)
	cmd := exec.Command(filepath.Join(binDir, "worker"))
	cmd.Env = e.workerEnv("TEMPORAL_NAMESPACE="+ns, "TEMPORAL_REGISTER_SEARCH_ATTRIBUTES=false")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit, "worker must exit non-zero: %s", out)
	for _, name := range []string{"DaAssistantId", "DaThreadId", "DaRunId", "DaRunStatus", "DaTotalTokens"} {
		require.Contains(t, string(out), "temporal operator search-attribute create --namespace "+ns+" --name "+name)
	}
}
