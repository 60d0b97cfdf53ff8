package config

import (
	"os"
	"testing"
)

// configVars are every variable the config reads, plus those openai-go reads
// by itself, so a developer's environment cannot leak into a test.
var configVars = []string{
	"TEMPORAL_ADDRESS", "TEMPORAL_NAMESPACE", "TEMPORAL_TASK_QUEUE", "TEMPORAL_API_KEY",
	"TEMPORAL_TLS", "TEMPORAL_TLS_CERT", "TEMPORAL_TLS_KEY", "TEMPORAL_UI_URL", "TEMPORAL_API_KEY_FILE",
	"TEMPORAL_TLS_CA", "TEMPORAL_TLS_CERT_DATA", "TEMPORAL_TLS_KEY_DATA", "TEMPORAL_TLS_CA_DATA", "TEMPORAL_TLS_SERVER_NAME",
	"PAYLOAD_CODEC_KEYS", "PAYLOAD_CODEC_KEY_FILES",
	"OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID",
	"OPENAI_ADMIN_KEY", "OPENAI_WEBHOOK_SECRET", "OPENAI_CUSTOM_HEADERS",
	"AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_API_VERSION",
	"AZURE_AI_PROJECT_ENDPOINT", "AZURE_AI_AGENTS_API_VERSION", "OPENAI_ALLOW_INSECURE_HTTP",
	"OPENAI_PROTOCOL", "OPENAI_REQUEST_TIMEOUT", "OPENAI_MODEL", "ASSISTANT_PROFILES",
	"POLL_INITIAL", "POLL_MAX", "WORKER_MAX_CONCURRENT_ACTIVITIES", "WORKER_ACTIVITY_POLLERS", "LOG_LEVEL", "LOG_FORMAT",
}

// cleanEnv unsets every config variable for the test, then sets vars.
func cleanEnv(t *testing.T, vars map[string]string) {
	t.Helper()
	for _, k := range configVars {
		t.Setenv(k, "") // restores the old value after the test
		if err := os.Unsetenv(k); err != nil {
			t.Fatal(err)
		}
	}
	for k, v := range vars {
		t.Setenv(k, v)
	}
}
