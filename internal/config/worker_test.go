package config

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestLoadWorkerDefaults(t *testing.T) {
	cleanEnv(t, map[string]string{"OPENAI_API_KEY": "sk-test"})

	w, err := LoadWorker()

	require.NoError(t, err)
	require.Equal(t, "localhost:7233", w.Address)
	require.Equal(t, "default", w.Namespace)
	require.Equal(t, "durable-assistants", w.TaskQueue)
	require.Equal(t, "sk-test", w.Model.APIKey)
	require.Empty(t, w.Temporal.APIKey)
	require.Equal(t, ProtocolResponses, w.ProtocolOrDefault(), "OpenAI's own endpoint")
	require.Equal(t, 60*time.Second, w.RequestTimeout)
	require.Equal(t, 50*time.Millisecond, w.PollInitial)
	require.Equal(t, time.Second, w.PollMax)
	require.Equal(t, 1000, w.MaxConcurrent)
	require.Equal(t, 8, w.ActivityPollers)
	require.Equal(t, 5*time.Minute, w.SweepInterval)
	require.Equal(t, 2000, w.StickyCache)
	require.Equal(t, "info", w.Level)
	require.Equal(t, "text", w.Format)
	require.False(t, w.Azure())
}

func TestLoadWorkerOverrides(t *testing.T) {
	cleanEnv(t, map[string]string{
		"AZURE_OPENAI_ENDPOINT":   "https://example.openai.azure.com",
		"AZURE_OPENAI_API_KEY":    "az",
		"TEMPORAL_ADDRESS":        "temporal:7233",
		"TEMPORAL_TASK_QUEUE":     "q",
		"POLL_INITIAL":            "50ms",
		"POLL_MAX":                "2s",
		"WORKER_ACTIVITY_POLLERS": "16",
		"LOG_LEVEL":               "debug",
		"LOG_FORMAT":              "json",
	})

	w, err := LoadWorker()

	require.NoError(t, err)
	require.True(t, w.Azure())
	require.Equal(t, ProtocolAssistants, w.ProtocolOrDefault())
	require.Equal(t, "2024-05-01-preview", w.AzureAPIVersionOrDefault())
	require.Equal(t, "temporal:7233", w.Address)
	require.Equal(t, "q", w.TaskQueue)
	require.Equal(t, 50*time.Millisecond, w.PollInitial)
	require.Equal(t, 2*time.Second, w.PollMax)
	require.Equal(t, 16, w.ActivityPollers)
	require.NotNil(t, w.Logger())
}

func TestLoadWorkerErrorsNameTheVariable(t *testing.T) {
	withKey := func(kv ...string) map[string]string {
		m := map[string]string{"OPENAI_API_KEY": "sk-test"}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	tests := []struct {
		name string
		env  map[string]string
		want []string
	}{
		{"missing key", map[string]string{}, []string{"OPENAI_API_KEY"}},
		{"azure endpoint not a url", map[string]string{"AZURE_OPENAI_ENDPOINT": "x.openai.azure.com", "AZURE_OPENAI_API_KEY": "az"},
			[]string{"AZURE_OPENAI_ENDPOINT"}},
		{"base url not a url", withKey("OPENAI_BASE_URL", "localhost:8080"), []string{"OPENAI_BASE_URL"}},
		{"bad POLL_MAX", withKey("POLL_MAX", "abc"), []string{"POLL_MAX", "abc"}},
		{"sweep interval too short", withKey("SWEEP_INTERVAL", "10ms"), []string{"SWEEP_INTERVAL"}},
		{"bad request timeout", withKey("OPENAI_REQUEST_TIMEOUT", "soon"), []string{"OPENAI_REQUEST_TIMEOUT"}},
		{"bad concurrency", withKey("WORKER_MAX_CONCURRENT_ACTIVITIES", "many"), []string{"WORKER_MAX_CONCURRENT_ACTIVITIES"}},
		{"zero concurrency", withKey("WORKER_MAX_CONCURRENT_ACTIVITIES", "0"), []string{"WORKER_MAX_CONCURRENT_ACTIVITIES"}},
		{"bad pollers", withKey("WORKER_ACTIVITY_POLLERS", "lots"), []string{"WORKER_ACTIVITY_POLLERS", "lots"}},
		{"one poller", withKey("WORKER_ACTIVITY_POLLERS", "1"), []string{"WORKER_ACTIVITY_POLLERS"}},
		{"no sticky cache", withKey("WORKER_STICKY_CACHE", "0"), []string{"WORKER_STICKY_CACHE"}},
		{"more pollers than slots", withKey("WORKER_ACTIVITY_POLLERS", "64", "WORKER_MAX_CONCURRENT_ACTIVITIES", "32"),
			[]string{"WORKER_ACTIVITY_POLLERS", "WORKER_MAX_CONCURRENT_ACTIVITIES"}},
		{"negative timeout", withKey("OPENAI_REQUEST_TIMEOUT", "-1s"), []string{"OPENAI_REQUEST_TIMEOUT"}},
		{"POLL_MAX below POLL_INITIAL", withKey("POLL_INITIAL", "2s", "POLL_MAX", "1s"), []string{"POLL_MAX", "POLL_INITIAL"}},
		{"zero POLL_INITIAL", withKey("POLL_INITIAL", "0s"), []string{"POLL_INITIAL"}},
		{"bogus protocol", withKey("OPENAI_PROTOCOL", "bogus"), []string{"OPENAI_PROTOCOL", "bogus"}},
		{"responses", withKey("OPENAI_PROTOCOL", "responses"), nil},
		{"responses with bad profiles", withKey("OPENAI_PROTOCOL", "responses", "ASSISTANT_PROFILES", "{"),
			[]string{"ASSISTANT_PROFILES"}},
		{"responses with empty model", withKey("OPENAI_PROTOCOL", "responses", "OPENAI_MODEL", " "),
			[]string{"OPENAI_MODEL"}},
		{"loud log level", withKey("LOG_LEVEL", "loud"), []string{"LOG_LEVEL", "loud"}},
		{"bad log format", withKey("LOG_FORMAT", "xml"), []string{"LOG_FORMAT"}},
		{"empty TEMPORAL_TASK_QUEUE takes the default", withKey("TEMPORAL_TASK_QUEUE", ""), nil},
		{"cert without key", withKey("TEMPORAL_TLS_CERT", "/c.pem"), []string{"TEMPORAL_TLS_CERT", "TEMPORAL_TLS_KEY"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cleanEnv(t, tc.env)

			_, err := LoadWorker()

			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			for _, s := range tc.want {
				require.Contains(t, err.Error(), s)
			}
		})
	}
}

func TestLoadWorkerErrorHidesSecrets(t *testing.T) {
	cleanEnv(t, map[string]string{"OPENAI_API_KEY": "sk-very-secret", "LOG_LEVEL": "loud", "POLL_MAX": "abc"})

	_, err := LoadWorker()

	require.Error(t, err)
	require.NotContains(t, err.Error(), "sk-very-secret")
}

func TestLoadStarterNeedsNoModelKey(t *testing.T) {
	cleanEnv(t, nil)

	s, err := LoadStarter()

	require.NoError(t, err)
	require.Equal(t, "localhost:7233", s.Address)
	require.Equal(t, "durable-assistants", s.TaskQueue)
}
