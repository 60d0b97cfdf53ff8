package config

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func init() {
	configVars = append(configVars, "TEMPORAL_REGISTER_SEARCH_ATTRIBUTES", "METRICS_ADDRESS", "OTEL_TRACING",
		"OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_TRACES_EXPORTER", "OTEL_SERVICE_NAME", "SUMMARY_INCLUDE_TEXT")
}

func TestObservabilityDefaults(t *testing.T) {
	cleanEnv(t, map[string]string{"OPENAI_API_KEY": "sk-test"})

	w, err := LoadWorker()

	require.NoError(t, err)
	require.True(t, w.RegisterSearchAttributes)
	require.Empty(t, w.MetricsAddress, "metrics off by default")
	require.False(t, w.TracingEnabled(), "tracing is opt-in")
	require.Equal(t, "otlp", w.TracesExporter)
	require.Equal(t, "durable-assistants-worker", w.ServiceName)
}

func TestObservabilityOverrides(t *testing.T) {
	cleanEnv(t, map[string]string{
		"OPENAI_API_KEY":                      "sk-test",
		"TEMPORAL_REGISTER_SEARCH_ATTRIBUTES": "false",
		"METRICS_ADDRESS":                     ":9090",
		"OTEL_EXPORTER_OTLP_ENDPOINT":         "http://collector:4318",
		"OTEL_TRACES_EXPORTER":                "console",
	})

	w, err := LoadWorker()

	require.NoError(t, err)
	require.False(t, w.RegisterSearchAttributes)
	require.Equal(t, ":9090", w.MetricsAddress)
	require.True(t, w.TracingEnabled(), "an OTLP endpoint turns tracing on")
	require.Equal(t, "console", w.TracesExporter)
}

func TestObservabilityErrorsNameTheVariable(t *testing.T) {
	for name, tc := range map[string]struct {
		key, value, want string
	}{
		"metrics address": {"METRICS_ADDRESS", "9090", `METRICS_ADDRESS="9090"`},
		"register switch": {"TEMPORAL_REGISTER_SEARCH_ATTRIBUTES", "maybe", "TEMPORAL_REGISTER_SEARCH_ATTRIBUTES"},
		"tracing switch":  {"OTEL_TRACING", "yes please", "OTEL_TRACING"},
		"traces exporter": {"OTEL_TRACES_EXPORTER", "jaeger", `OTEL_TRACES_EXPORTER="jaeger"`},
		"summary opt-in":  {"SUMMARY_INCLUDE_TEXT", "sometimes", "SUMMARY_INCLUDE_TEXT"},
	} {
		t.Run(name, func(t *testing.T) {
			cleanEnv(t, map[string]string{"OPENAI_API_KEY": "sk-test", tc.key: tc.value})
			var err error
			if tc.key == "SUMMARY_INCLUDE_TEXT" {
				_, err = LoadStarter()
			} else {
				_, err = LoadWorker()
			}
			require.Error(t, err)
			require.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestStarterSummaryIncludeText(t *testing.T) {
	cleanEnv(t, nil)
	s, err := LoadStarter()
	require.NoError(t, err)
	require.False(t, s.SummaryIncludeText, "user text stays out of summaries by default")

	cleanEnv(t, map[string]string{"SUMMARY_INCLUDE_TEXT": "true"})
	s, err = LoadStarter()
	require.NoError(t, err)
	require.True(t, s.SummaryIncludeText)
}
