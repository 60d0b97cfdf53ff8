// Package metrics serves a worker's Prometheus metrics. The Temporal SDK's
// metrics and the project's (recorded through the SDK's MetricsHandler, which
// workflows must use to stay replay-safe) go through the SDK's supported
// OpenTelemetry handler (go.temporal.io/sdk/contrib/opentelemetry) into a
// prometheus/client_golang registry, which renders them at /metrics.
package metrics

import (
	"net/http"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	otelprom "go.opentelemetry.io/otel/exporters/prometheus"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	tclient "go.temporal.io/sdk/client"
	"go.temporal.io/sdk/contrib/opentelemetry"
)

// Buckets are the histogram bounds of timers, in seconds.
var Buckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600}

// Registry holds every metric of a worker. Create it with New.
type Registry struct {
	prom    *prometheus.Registry
	handler tclient.MetricsHandler
}

// Option configures a Registry.
type Option func(*labelBounds)

// KnownTools bounds the tool label of the project's metrics to these names:
// any other tool name (the model may invent one) is counted as "unknown".
// Without it tool names are not bounded (tests).
func KnownTools(names ...string) Option {
	return func(b *labelBounds) {
		b.tools = map[string]bool{}
		for _, n := range names {
			b.tools[n] = true
		}
	}
}

// New returns a registry holding the Go runtime's and the process's metrics,
// and whatever is recorded through Handler.
func New(opts ...Option) *Registry {
	var b labelBounds
	for _, o := range opts {
		o(&b)
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	// Counters get _total and timers (unit s) _seconds, as Prometheus names them.
	exp, err := otelprom.New(otelprom.WithRegisterer(reg), otelprom.WithoutScopeInfo(), otelprom.WithoutTargetInfo())
	if err != nil {
		panic(err) // only on a registration conflict in the fresh registry
	}
	seconds := sdkmetric.NewView(sdkmetric.Instrument{Kind: sdkmetric.InstrumentKindHistogram, Unit: "s"},
		sdkmetric.Stream{Aggregation: sdkmetric.AggregationExplicitBucketHistogram{Boundaries: Buckets}})
	provider := sdkmetric.NewMeterProvider(sdkmetric.WithReader(exp), sdkmetric.WithView(seconds))
	sdk := opentelemetry.NewMetricsHandler(opentelemetry.MetricsHandlerOptions{
		Meter:                provider.Meter("durable-assistants"),
		UseMonotonicCounters: true,           // Prometheus counters, not gauges
		OnError:              func(error) {}, // a bad instrument is dropped, never a panic in a worker
	})
	return &Registry{prom: reg, handler: boundedHandler{inner: sdk, bounds: &b}}
}

// Handler is the SDK metrics handler writing into the registry: give it to
// client.Options.MetricsHandler (workers inherit it).
func (r *Registry) Handler() tclient.MetricsHandler { return r.handler }

// ServeHTTP renders every metric in the Prometheus exposition format.
func (r *Registry) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	promhttp.HandlerFor(r.prom, promhttp.HandlerOpts{}).ServeHTTP(w, req)
}

// Gatherer exposes the registry to tests and other exporters.
func (r *Registry) Gatherer() prometheus.Gatherer { return r.prom }

// Value sums, over the series carrying all the given labels, a counter's or
// gauge's values or a histogram's sample counts; name is the name recorded
// through the handler (without _total or _seconds). For tests.
func (r *Registry) Value(name string, labels map[string]string) float64 {
	families, err := r.prom.Gather()
	if err != nil {
		return 0
	}
	var sum float64
	for _, f := range families {
		if n := f.GetName(); n != name && n != name+"_total" && n != name+"_seconds" {
			continue
		}
		for _, m := range f.GetMetric() {
			if !hasLabels(m.GetLabel(), labels) {
				continue
			}
			switch {
			case m.Counter != nil:
				sum += m.GetCounter().GetValue()
			case m.Gauge != nil:
				sum += m.GetGauge().GetValue()
			case m.Histogram != nil:
				sum += float64(m.GetHistogram().GetSampleCount())
			}
		}
	}
	return sum
}

func hasLabels[L interface {
	GetName() string
	GetValue() string
}](have []L, want map[string]string) bool {
	found := 0
	for _, l := range have {
		if v, ok := want[l.GetName()]; ok && v == l.GetValue() {
			found++
		}
	}
	return found == len(want)
}

// isProjectMetric tells the project's metrics (durable_assistants_*), whose
// labels are bounded, from the SDK's.
func isProjectMetric(name string) bool { return strings.HasPrefix(name, "durable_assistants_") }
