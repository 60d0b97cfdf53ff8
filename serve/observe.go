package serve

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	"github.com/openai/openai-go/v3/option"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/exporters/stdout/stdouttrace"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/contrib/opentelemetry"
	"go.temporal.io/sdk/interceptor"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/internal/config"
	"github.com/durable-assistants/durable-assistants/internal/metrics"
)

// observability is what a worker shows operators: Prometheus metrics (the
// SDK's and the project's through one handler) and OpenTelemetry spans.
type observability struct {
	handler     client.MetricsHandler // nil when metrics are off
	interceptor interceptor.Interceptor
	shutdown    func(context.Context) error
}

// startObservability serves metrics and sets up tracing as configured; both
// are off by default. The tool label of metrics is bounded to tools.
func startObservability(ctx context.Context, o config.Observability, tools []string, logger *slog.Logger) (*observability, error) {
	obs := &observability{shutdown: func(context.Context) error { return nil }}
	if o.MetricsAddress != "" {
		reg := metrics.New(metrics.KnownTools(tools...))
		addr, err := metrics.Serve(ctx, o.MetricsAddress, reg)
		if err != nil {
			return nil, err
		}
		obs.handler = reg.Handler()
		logger.Info("Serving metrics", "Address", "http://"+addr.String()+"/metrics")
	}
	if o.TracingEnabled() {
		tp, err := newTracerProvider(ctx, o)
		if err != nil {
			return nil, err
		}
		obs.shutdown = tp.Shutdown
		if obs.interceptor, err = TracingInterceptor(tp); err != nil {
			return nil, err
		}
		logger.Info("Tracing on", "Exporter", o.TracesExporter, "Service", o.ServiceName)
	}
	return obs, nil
}

// clientOptions adds the metrics handler and the tracing interceptor to the
// Temporal client (its workers inherit both).
func (obs *observability) clientOptions(opts *client.Options) {
	if obs.handler != nil {
		opts.MetricsHandler = obs.handler
	}
	if obs.interceptor != nil {
		opts.Interceptors = append(opts.Interceptors, obs.interceptor)
	}
}

// apiOptions count the model API's errors when metrics are on.
func (obs *observability) apiOptions() []option.RequestOption {
	if obs.handler == nil {
		return nil
	}
	return []option.RequestOption{option.WithMiddleware(activities.APIMetrics(obs.handler))}
}

// close flushes the spans still buffered.
func (obs *observability) close() {
	ctx, cancel := context.WithTimeout(context.Background(), StopTimeout)
	defer cancel()
	_ = obs.shutdown(ctx)
}

// TracingInterceptor is the SDK's OpenTelemetry interceptor over tp: spans
// for starting workflows, running them, and every activity, linked across
// processes through headers.
func TracingInterceptor(tp trace.TracerProvider) (interceptor.Interceptor, error) {
	return opentelemetry.NewTracingInterceptor(opentelemetry.TracerOptions{Tracer: tp.Tracer("durable-assistants")})
}

func newTracerProvider(ctx context.Context, o config.Observability) (*sdktrace.TracerProvider, error) {
	var exp sdktrace.SpanExporter
	var err error
	switch o.TracesExporter {
	case "console":
		exp, err = stdouttrace.New(stdouttrace.WithWriter(os.Stdout))
	default: // otlp: endpoint, headers and protocol from the OTEL_EXPORTER_OTLP_* variables
		exp, err = otlptracehttp.New(ctx)
	}
	if err != nil {
		return nil, fmt.Errorf("OTEL_TRACES_EXPORTER=%s: %w", o.TracesExporter, err)
	}
	res := resource.NewSchemaless(attribute.String("service.name", o.ServiceName))
	return sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithResource(res)), nil
}
