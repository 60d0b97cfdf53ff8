package metrics

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestRegistryRendersPrometheusText(t *testing.T) {
	r := New()
	h := r.Handler().WithTags(map[string]string{"task_queue": "q"})
	h.WithTags(map[string]string{"status": "completed"}).Counter("durable_assistants_runs").Inc(2)
	h.Gauge("temporal_worker_task_slots_available").Update(7)
	timer := h.WithTags(map[string]string{"status": "completed"}).Timer("durable_assistants_run_duration")
	timer.Record(300 * time.Millisecond)
	timer.Record(2 * time.Minute)

	var b strings.Builder
	require.NoError(t, r.Write(&b))
	out := b.String()
	for _, want := range []string{
		"# TYPE durable_assistants_runs_total counter\n",
		`durable_assistants_runs_total{status="completed",task_queue="q"} 2` + "\n",
		"# TYPE temporal_worker_task_slots_available gauge\n",
		`temporal_worker_task_slots_available{task_queue="q"} 7` + "\n",
		"# TYPE durable_assistants_run_duration_seconds histogram\n",
		`durable_assistants_run_duration_seconds_bucket{status="completed",task_queue="q",le="0.25"} 0` + "\n",
		`durable_assistants_run_duration_seconds_bucket{status="completed",task_queue="q",le="0.5"} 1` + "\n",
		`durable_assistants_run_duration_seconds_bucket{status="completed",task_queue="q",le="+Inf"} 2` + "\n",
		`durable_assistants_run_duration_seconds_sum{status="completed",task_queue="q"} 120.3` + "\n",
		`durable_assistants_run_duration_seconds_count{status="completed",task_queue="q"} 2` + "\n",
	} {
		require.Contains(t, out, want)
	}
	require.Equal(t, 2.0, r.Value("durable_assistants_runs", map[string]string{"status": "completed", "task_queue": "q"}))
	require.Equal(t, 7.0, r.Value("temporal_worker_task_slots_available", map[string]string{"task_queue": "q"}))
	require.Equal(t, 2.0, r.Value("durable_assistants_run_duration", map[string]string{"status": "completed", "task_queue": "q"}))
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
}
