package metrics

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/contrib/opentelemetry"
)

// scrape renders the registry as a scraper gets it and parses it back.
func scrape(t *testing.T, r *Registry) (string, map[string]*dto.MetricFamily) {
	t.Helper()
	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	require.Equal(t, http.StatusOK, rec.Code)
	body := rec.Body.String()
	p := expfmt.NewTextParser(model.LegacyValidation)
	families, err := p.TextToMetricFamilies(strings.NewReader(body))
	require.NoError(t, err, "the exposition parses: %s", body)
	return body, families
}

func TestHandlerRecordsPrometheusNamesAndEscapesLabels(t *testing.T) {
	r := New()
	h := r.Handler().WithTags(map[string]string{"task_queue": "q"})
	h.WithTags(map[string]string{"status": "completed"}).Counter("durable_assistants_runs").Inc(2)
	h.Gauge("temporal_worker_task_slots_available").Update(7)
	timer := h.WithTags(map[string]string{"status": "completed"}).Timer("durable_assistants_run_duration")
	timer.Record(300 * time.Millisecond)
	timer.Record(2 * time.Minute)
	odd := "gpt \"4o\"\nmini\\x"
	h.WithTags(map[string]string{"model": odd, "kind": "prompt"}).Counter("durable_assistants_tokens").Inc(5)

	body, families := scrape(t, r)
	require.Contains(t, body, "# TYPE durable_assistants_runs_total counter\n")
	require.Contains(t, body, `durable_assistants_runs_total{status="completed",task_queue="q"} 2`+"\n")
	require.Contains(t, body, `temporal_worker_task_slots_available{task_queue="q"} 7`+"\n")
	require.Contains(t, body, `durable_assistants_run_duration_seconds_bucket{status="completed",task_queue="q",le="0.25"} 0`+"\n")
	require.Contains(t, body, `durable_assistants_run_duration_seconds_bucket{status="completed",task_queue="q",le="0.5"} 1`+"\n")
	require.Contains(t, body, `durable_assistants_run_duration_seconds_count{status="completed",task_queue="q"} 2`+"\n")
	tokens := families["durable_assistants_tokens_total"]
	require.NotNil(t, tokens)
	require.Equal(t, odd, labelOf(tokens.GetMetric()[0], "model"), "a label value survives the exposition unchanged")

	require.Equal(t, 2.0, r.Value("durable_assistants_runs", map[string]string{"status": "completed", "task_queue": "q"}))
	require.Equal(t, 7.0, r.Value("temporal_worker_task_slots_available", map[string]string{"task_queue": "q"}))
	require.Equal(t, 2.0, r.Value("durable_assistants_run_duration", map[string]string{"status": "completed"}))
	require.NotNil(t, opentelemetry.ExtractMetricsHandler(r.Handler()), "the SDK's own OpenTelemetry handler records")
}

func labelOf(m *dto.Metric, name string) string {
	for _, l := range m.GetLabel() {
		if l.GetName() == name {
			return l.GetValue()
		}
	}
	return ""
}

// TestLabelsOfProjectMetricsAreBounded: tool names the model makes up,
// statuses and status codes outside the known sets each land in one
// "unknown" series; the SDK's own labels are left as they are.
func TestLabelsOfProjectMetricsAreBounded(t *testing.T) {
	r := New(KnownTools("calculate", "current_time"))
	h := r.Handler()
	for _, tool := range []string{"calculate", "made_up_1", "made_up_2", "rm -rf /"} {
		h.WithTags(map[string]string{"tool": tool, "outcome": "ok"}).Counter("durable_assistants_tool_calls").Inc(1)
	}
	h.WithTags(map[string]string{"tool": "calculate", "outcome": "exploded"}).Counter("durable_assistants_tool_calls").Inc(1)
	h.WithTags(map[string]string{"status": "weird"}).Counter("durable_assistants_runs").Inc(1)
	h.WithTags(map[string]string{"status_code": "42x"}).Counter("durable_assistants_api_errors").Inc(1)
	h.WithTags(map[string]string{"status_code": "429"}).Counter("durable_assistants_api_errors").Inc(1)
	h.WithTags(map[string]string{"status_code": "Unavailable"}).Counter("temporal_request_failure").Inc(1)

	_, families := scrape(t, r)
	got := map[string]float64{}
	for _, m := range families["durable_assistants_tool_calls_total"].GetMetric() {
		got[labelOf(m, "tool")+"/"+labelOf(m, "outcome")] = m.GetCounter().GetValue()
	}
	require.Equal(t, map[string]float64{"calculate/ok": 1, "unknown/ok": 3, "calculate/unknown": 1}, got)
	require.Equal(t, 1.0, r.Value("durable_assistants_runs", map[string]string{"status": Unknown}))
	require.Equal(t, 1.0, r.Value("durable_assistants_api_errors", map[string]string{"status_code": Unknown}))
	require.Equal(t, 1.0, r.Value("durable_assistants_api_errors", map[string]string{"status_code": "429"}))
	require.Equal(t, 1.0, r.Value("temporal_request_failure", map[string]string{"status_code": "Unavailable"}))
}

func TestServeExposesMetrics(t *testing.T) {
	r := New()
	r.Handler().Counter("temporal_request").Inc(1)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addr, err := Serve(ctx, "127.0.0.1:0", r)
	require.NoError(t, err)
	resp, err := http.Get("http://" + addr.String() + "/metrics")
	require.NoError(t, err)
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, string(body), "temporal_request_total 1\n")
	require.Contains(t, string(body), "go_goroutines ")
}

// TestServeBindsLoopbackUnlessTold: ":port" stays on this machine.
func TestServeBindsLoopbackUnlessTold(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addr, err := Serve(ctx, ":0", New())
	require.NoError(t, err)
	require.True(t, addr.(*net.TCPAddr).IP.IsLoopback(), "bound %s", addr)
	addr, err = Serve(ctx, "0.0.0.0:0", New())
	require.NoError(t, err)
	require.True(t, addr.(*net.TCPAddr).IP.IsUnspecified(), "an explicit 0.0.0.0 binds every interface: %s", addr)
}

// TestServerCutsSlowClients: a client that stalls holds no connection for
// ever, whatever phase it stalls in.
func TestServerCutsSlowClients(t *testing.T) {
	srv := newServer(New())
	for name, d := range map[string]time.Duration{"read header": srv.ReadHeaderTimeout, "read": srv.ReadTimeout,
		"write": srv.WriteTimeout, "idle": srv.IdleTimeout} {
		require.Positive(t, d, name)
		require.LessOrEqual(t, d, time.Minute, name)
	}
}
