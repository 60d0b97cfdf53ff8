package config

import (
	"fmt"
	"net"
)

// Observability configures what the worker shows operators: search
// attribute registration, the Prometheus endpoint and OpenTelemetry tracing.
type Observability struct {
	// RegisterSearchAttributes lets the worker register missing search
	// attributes at start; off where it has no operator rights.
	RegisterSearchAttributes bool `env:"TEMPORAL_REGISTER_SEARCH_ATTRIBUTES" envDefault:"true"`
	// MetricsAddress serves Prometheus metrics at /metrics, "" for none.
	MetricsAddress string `env:"METRICS_ADDRESS"`
	// Tracing turns on OpenTelemetry tracing; so does an OTLP endpoint.
	Tracing bool `env:"OTEL_TRACING"`
	// OTLPEndpoint is where spans go (read by the OTLP exporter itself).
	OTLPEndpoint string `env:"OTEL_EXPORTER_OTLP_ENDPOINT"`
	// TracesExporter is otlp (OTLP over HTTP) or console (stdout).
	TracesExporter string `env:"OTEL_TRACES_EXPORTER" envDefault:"otlp"`
	// ServiceName names the worker in traces.
	ServiceName string `env:"OTEL_SERVICE_NAME" envDefault:"durable-assistants-worker"`
}

// TracingEnabled reports whether spans are to be produced.
func (o Observability) TracingEnabled() bool { return o.Tracing || o.OTLPEndpoint != "" }

// Validate checks the values, naming the variable at fault.
func (o Observability) Validate() error {
	if o.MetricsAddress != "" {
		if _, _, err := net.SplitHostPort(o.MetricsAddress); err != nil {
			return fmt.Errorf("METRICS_ADDRESS=%q is not host:port (e.g. :9090)", o.MetricsAddress)
		}
	}
	if o.TracesExporter != "otlp" && o.TracesExporter != "console" {
		return fmt.Errorf("OTEL_TRACES_EXPORTER=%q is not otlp or console", o.TracesExporter)
	}
	if o.TracingEnabled() && o.ServiceName == "" {
		return fmt.Errorf("OTEL_SERVICE_NAME is empty")
	}
	return nil
}
