package integration

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/internal/devserver"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// dashboardMetric finds the metric names in a PromQL expression: the
// project's and the SDK's, by their prefixes (labels and functions have none).
var dashboardMetric = regexp.MustCompile(`\b(?:durable_assistants|temporal)_[a-z0-9_]+`)

// TestGrafanaDashboardQueriesExistingMetrics parses the worker dashboard
// and checks that every metric it queries is served by a real worker after
// a run with two tool calls and one rate-limited API request.
func TestGrafanaDashboardQueriesExistingMetrics(t *testing.T) {
	root, err := devserver.RepoRoot()
	require.NoError(t, err)
	queried := dashboardMetrics(t, filepath.Join(root, "deploy", "grafana", "durable-assistants-worker.json"))
	for _, m := range []string{"durable_assistants_runs_total", "durable_assistants_run_duration_seconds",
		"durable_assistants_tool_calls_total", "durable_assistants_api_errors_total", "durable_assistants_tokens_total"} {
		require.Contains(t, queried, m, "the dashboard shows every metric README lists")
	}

	e := newEnv(t, openaitest.Options{})
	e.emu.InjectFault(openaitest.Fault{Status: http.StatusTooManyRequests, RetryAfter: 10 * time.Millisecond})
	addr, err := devserver.FreeHostPort()
	require.NoError(t, err)
	e.startWorker("METRICS_ADDRESS=" + addr)
	res, err := e.client.Run(e.ctx(60*time.Second), assistant.RunRequest{AssistantID: e.createAssistant(), Message: twoToolsMessage})
	require.NoError(t, err)
	require.Equal(t, assistant.StatusCompleted, res.Status)

	resp, err := http.Get("http://" + addr + "/metrics")
	require.NoError(t, err)
	defer resp.Body.Close()
	p := expfmt.NewTextParser(model.LegacyValidation)
	families, err := p.TextToMetricFamilies(resp.Body)
	require.NoError(t, err)
	for _, m := range queried {
		require.Contains(t, families, m, "the dashboard queries %s; the worker serves no such metric", m)
	}
}

// dashboardMetrics returns the metric families the dashboard's queries
// (panels and variables) name, histogram series folded into their family.
func dashboardMetrics(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	var d struct {
		Panels []struct {
			Targets []struct{ Expr string } `json:"targets"`
		} `json:"panels"`
		Templating struct {
			List []struct {
				Query any `json:"query"`
			} `json:"list"`
		} `json:"templating"`
	}
	require.NoError(t, json.Unmarshal(b, &d))
	var exprs []string
	for _, p := range d.Panels {
		require.NotEmpty(t, p.Targets, "a panel without a query")
		for _, tg := range p.Targets {
			exprs = append(exprs, tg.Expr)
		}
	}
	for _, v := range d.Templating.List {
		if s, ok := v.Query.(string); ok {
			exprs = append(exprs, s)
		}
	}
	seen := map[string]bool{}
	var names []string
	for _, e := range exprs {
		for _, m := range dashboardMetric.FindAllString(e, -1) {
			m = strings.TrimSuffix(m, "_bucket")
			if !seen[m] {
				seen[m] = true
				names = append(names, m)
			}
		}
	}
	return names
}
