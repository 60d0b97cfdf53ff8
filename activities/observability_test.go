package activities_test

import (
	"bufio"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/testsuite"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/internal/metrics"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// TestActivityLogsCarryIDsNotText runs a real run through the activities with
// a JSON slog logger: every activity line names the workflow, its run and
// the thread; no line holds the API key, the user's text or tool arguments.
func TestActivityLogsCarryIDsNotText(t *testing.T) {
	const key, secretText = "sk-very-secret-key", "my card number is 4111"
	h := newHarness(t, harnessConfig{Server: openaitest.Options{APIKey: key}})
	var buf strings.Builder
	var suite testsuite.WorkflowTestSuite
	suite.SetLogger(log.NewStructuredLogger(slog.New(slog.NewJSONHandler(&syncBuilder{b: &buf}, &slog.HandlerOptions{Level: slog.LevelInfo}))))
	h.env = suite.NewTestActivityEnvironment()
	h.env.RegisterActivity(h.acts)

	st := h.start(h.startInput("call: calculate {\"expression\":\"6*7\"}\n"+secretText, "key-1"))
	st = h.await(st)
	require.Equal(t, assistant.StatusRequiresAction, st.Status)
	var out assistant.ToolOutput
	require.NoError(t, h.exec(&out, h.acts.CallTool, activities.CallToolInput{ThreadID: st.ThreadID, APIRunID: st.APIRunID, Call: st.ToolCalls[0]}))

	logs := buf.String()
	require.NotContains(t, logs, key)
	require.NotContains(t, logs, secretText)
	require.NotContains(t, logs, "6*7", "tool arguments stay out of info logs")
	var seen int
	sc := bufio.NewScanner(strings.NewReader(logs))
	for sc.Scan() {
		var line map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &line), sc.Text())
		if line["ActivityType"] == nil {
			continue
		}
		seen++
		for _, k := range []string{"WorkflowID", "RunID", "ThreadID", "api_run_id"} {
			require.NotEmpty(t, line[k], "%s missing in %s", k, sc.Text())
		}
		require.Equal(t, st.ThreadID, line["ThreadID"])
		require.Equal(t, st.APIRunID, line["api_run_id"])
	}
	require.Positive(t, seen, "the tool call logs a line: %s", logs)
}

// TestAPIMetricsCountErrorsByStatus counts every error answer once, by
// status code, and a missing answer as "connection".
func TestAPIMetricsCountErrorsByStatus(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = w.Write([]byte(`{"error":{"message":"slow down","type":"rate_limit"}}`))
	}))
	defer srv.Close()
	reg := metrics.New()
	c := openai.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"), option.WithMaxRetries(0),
		option.WithMiddleware(activities.APIMetrics(reg.Handler())))

	_, err := c.Beta.Threads.Get(context.Background(), "thread_1")
	require.Error(t, err)
	_, err = c.Beta.Threads.Get(context.Background(), "thread_1")
	require.Error(t, err)
	srv.Close()
	_, err = c.Beta.Threads.Get(context.Background(), "thread_1")
	require.Error(t, err)

	require.Equal(t, 2.0, reg.Value(activities.MetricAPIErrors, map[string]string{"status_code": "429"}))
	require.Equal(t, 1.0, reg.Value(activities.MetricAPIErrors, map[string]string{"status_code": "connection"}))
}

// syncBuilder is a strings.Builder safe for the logger's concurrent writes.
type syncBuilder struct {
	mu sync.Mutex
	b  *strings.Builder
}

func (s *syncBuilder) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
