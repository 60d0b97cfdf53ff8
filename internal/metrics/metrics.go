// Package metrics is a small Prometheus registry that implements the
// Temporal SDK's client.MetricsHandler: the SDK's own metrics and the
// project's go through one handler and are served as Prometheus text at
// /metrics. It avoids tally and client_golang for the handful of counters,
// gauges and histograms a worker emits.
package metrics

import (
	"fmt"
	"io"
	"maps"
	"math"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	tclient "go.temporal.io/sdk/client"
)

// Buckets are the histogram bounds of timers, in seconds.
var Buckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600}

type kind int

const (
	counterKind kind = iota
	gaugeKind
	histogramKind
)

// series is one metric with one set of labels.
type series struct {
	tags    map[string]string
	labels  string // rendered {a="b",...}, "" for none
	value   float64
	buckets []uint64 // histogram: counts per bound (not cumulative)
	count   uint64
}

type family struct {
	kind   kind
	series map[string]*series
}

// Registry holds every metric. The zero value is not usable: use New.
type Registry struct {
	mu       sync.Mutex
	families map[string]*family
}

// New returns an empty registry.
func New() *Registry { return &Registry{families: map[string]*family{}} }

// Handler returns the SDK metrics handler writing into the registry.
func (r *Registry) Handler() tclient.MetricsHandler { return handler{r: r} }

// ServeHTTP writes every metric in the Prometheus text format.
func (r *Registry) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	_ = r.Write(w)
}

// Write renders the registry in the Prometheus text format, sorted by name.
func (r *Registry) Write(w io.Writer) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	var b strings.Builder
	for _, name := range slices.Sorted(maps.Keys(r.families)) {
		f := r.families[name]
		fmt.Fprintf(&b, "# TYPE %s %s\n", name, [...]string{"counter", "gauge", "histogram"}[f.kind])
		for _, key := range slices.Sorted(maps.Keys(f.series)) {
			s := f.series[key]
			if f.kind != histogramKind {
				fmt.Fprintf(&b, "%s%s %s\n", name, s.labels, formatFloat(s.value))
				continue
			}
			var cum uint64
			for i, le := range Buckets {
				cum += s.buckets[i]
				fmt.Fprintf(&b, "%s_bucket%s %d\n", name, withLabel(s.labels, "le", formatFloat(le)), cum)
			}
			fmt.Fprintf(&b, "%s_bucket%s %d\n", name, withLabel(s.labels, "le", "+Inf"), s.count)
			fmt.Fprintf(&b, "%s_sum%s %s\n", name, s.labels, formatFloat(s.value))
			fmt.Fprintf(&b, "%s_count%s %d\n", name, s.labels, s.count)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Value sums the values of a counter's or gauge's series, or the counts of
// a histogram's, over the series carrying all the given tags; for tests.
func (r *Registry) Value(name string, tags map[string]string) float64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	var f *family
	for _, k := range []kind{counterKind, gaugeKind, histogramKind} {
		if f = r.families[metricName(name, k)]; f != nil && f.kind == k {
			break
		}
		f = nil
	}
	if f == nil {
		return 0
	}
	var sum float64
	for _, s := range f.series {
		if !hasTags(s.tags, tags) {
			continue
		}
		if f.kind == histogramKind {
			sum += float64(s.count)
		} else {
			sum += s.value
		}
	}
	return sum
}

func hasTags(have, want map[string]string) bool {
	for k, v := range want {
		if got, ok := have[k]; !ok || got != v {
			return false
		}
	}
	return true
}

func (r *Registry) get(name string, k kind, tags map[string]string, labels string) *series {
	name = metricName(name, k)
	f := r.families[name]
	if f == nil {
		f = &family{kind: k, series: map[string]*series{}}
		r.families[name] = f
	}
	s := f.series[labels]
	if s == nil {
		s = &series{tags: tags, labels: labels}
		if k == histogramKind {
			s.buckets = make([]uint64, len(Buckets))
		}
		f.series[labels] = s
	}
	return s
}

var invalidChars = regexp.MustCompile(`[^a-zA-Z0-9_:]`)

// metricName makes a valid Prometheus name: counters end in _total, timers
// (histograms of seconds) in _seconds.
func metricName(name string, k kind) string {
	name = invalidChars.ReplaceAllString(name, "_")
	switch {
	case k == counterKind && !strings.HasSuffix(name, "_total"):
		name += "_total"
	case k == histogramKind && !strings.HasSuffix(name, "_seconds"):
		name += "_seconds"
	}
	return name
}

func renderLabels(tags map[string]string) string {
	if len(tags) == 0 {
		return ""
	}
	parts := make([]string, 0, len(tags))
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		parts = append(parts, invalidChars.ReplaceAllString(k, "_")+"="+strconv.Quote(tags[k]))
	}
	return "{" + strings.Join(parts, ",") + "}"
}

func withLabel(labels, k, v string) string {
	l := k + "=" + strconv.Quote(v)
	if labels == "" {
		return "{" + l + "}"
	}
	return labels[:len(labels)-1] + "," + l + "}"
}

func formatFloat(v float64) string {
	if math.IsInf(v, 1) {
		return "+Inf"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// handler is the SDK-facing side: a registry and the tags to add.
type handler struct {
	r    *Registry
	tags map[string]string
}

func (h handler) WithTags(tags map[string]string) tclient.MetricsHandler {
	merged := maps.Clone(h.tags)
	if merged == nil {
		merged = map[string]string{}
	}
	maps.Copy(merged, tags)
	return handler{r: h.r, tags: merged}
}

func (h handler) Counter(name string) tclient.MetricsCounter {
	labels := renderLabels(h.tags)
	return counterFunc(func(d int64) {
		h.r.mu.Lock()
		h.r.get(name, counterKind, h.tags, labels).value += float64(d)
		h.r.mu.Unlock()
	})
}

func (h handler) Gauge(name string) tclient.MetricsGauge {
	labels := renderLabels(h.tags)
	return gaugeFunc(func(v float64) {
		h.r.mu.Lock()
		h.r.get(name, gaugeKind, h.tags, labels).value = v
		h.r.mu.Unlock()
	})
}

func (h handler) Timer(name string) tclient.MetricsTimer {
	labels := renderLabels(h.tags)
	return timerFunc(func(d time.Duration) {
		secs := d.Seconds()
		h.r.mu.Lock()
		defer h.r.mu.Unlock()
		s := h.r.get(name, histogramKind, h.tags, labels)
		s.value += secs
		s.count++
		if i, _ := slices.BinarySearch(Buckets, secs); i < len(Buckets) {
			s.buckets[i]++
		}
	})
}

type counterFunc func(int64)

func (f counterFunc) Inc(d int64) { f(d) }

type gaugeFunc func(float64)

func (f gaugeFunc) Update(v float64) { f(v) }

type timerFunc func(time.Duration)

func (f timerFunc) Record(d time.Duration) { f(d) }
