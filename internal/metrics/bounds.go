package metrics

import (
	"maps"
	"strconv"

	tclient "go.temporal.io/sdk/client"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// Unknown is the label value of a tool name, status or outcome outside the
// known set: a fixed series instead of one per value a model or an API made up.
const Unknown = "unknown"

// labelBounds keeps the label values of the project's metrics within known
// sets, so nothing the model or the API says can create new series.
type labelBounds struct {
	tools map[string]bool // nil: not bounded
}

var known = map[string]map[string]bool{
	"status": set("none", assistant.StatusQueued, assistant.StatusInProgress, assistant.StatusRequiresAction,
		assistant.StatusCancelling, assistant.StatusCancelled, assistant.StatusFailed, assistant.StatusCompleted,
		assistant.StatusIncomplete, assistant.StatusExpired),
	"outcome": set("ok", "error", "failed"),
	"kind":    set("prompt", "completion"),
}

func set[S ~string](values ...S) map[string]bool {
	m := map[string]bool{}
	for _, v := range values {
		m[string(v)] = true
	}
	return m
}

// bound returns the tags to record for the metric name.
func (b *labelBounds) bound(name string, tags map[string]string) map[string]string {
	if !isProjectMetric(name) {
		return tags
	}
	out := maps.Clone(tags)
	for k, v := range tags {
		switch {
		case k == "tool" && b.tools != nil && !b.tools[v]:
			out[k] = Unknown
		case k == "status_code" && v != "connection" && !isHTTPStatus(v):
			out[k] = Unknown
		case known[k] != nil && !known[k][v]:
			out[k] = Unknown
		}
	}
	return out
}

func isHTTPStatus(s string) bool {
	n, err := strconv.Atoi(s)
	return err == nil && len(s) == 3 && n >= 100 && n <= 599
}

// boundedHandler is the SDK's handler with the project's label values
// bounded: tags are collected as given and bounded once the metric is named.
type boundedHandler struct {
	inner  tclient.MetricsHandler
	tags   map[string]string
	bounds *labelBounds
}

func (h boundedHandler) WithTags(tags map[string]string) tclient.MetricsHandler {
	merged := maps.Clone(h.tags)
	if merged == nil {
		merged = map[string]string{}
	}
	maps.Copy(merged, tags)
	return boundedHandler{inner: h.inner, tags: merged, bounds: h.bounds}
}

func (h boundedHandler) tagged(name string) tclient.MetricsHandler {
	return h.inner.WithTags(h.bounds.bound(name, h.tags))
}

func (h boundedHandler) Counter(name string) tclient.MetricsCounter {
	return h.tagged(name).Counter(name)
}
func (h boundedHandler) Gauge(name string) tclient.MetricsGauge { return h.tagged(name).Gauge(name) }
func (h boundedHandler) Timer(name string) tclient.MetricsTimer { return h.tagged(name).Timer(name) }

// Unwrap lets the SDK's contrib helpers (opentelemetry.ExtractMetricsHandler)
// reach the OpenTelemetry handler.
func (h boundedHandler) Unwrap() tclient.MetricsHandler { return h.inner }
