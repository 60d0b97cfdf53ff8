package config

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestModelProviderSelection: which variables pick which provider, and the
// error at start naming the missing or conflicting ones.
func TestModelProviderSelection(t *testing.T) {
	const azure, foundry = "https://x.openai.azure.com", "https://x.services.ai.azure.com/api/projects/p1"
	tests := []struct {
		name     string
		env      map[string]string
		provider string
		want     []string // error names these; nil: valid
	}{
		{"nothing", map[string]string{}, ProviderOpenAI, []string{"OPENAI_API_KEY", "AZURE_OPENAI_ENDPOINT", "AZURE_AI_PROJECT_ENDPOINT"}},
		{"openai", map[string]string{"OPENAI_API_KEY": "sk-secret"}, ProviderOpenAI, nil},
		{"compatible on loopback http", map[string]string{"OPENAI_API_KEY": "sk-secret", "OPENAI_BASE_URL": "http://127.0.0.1:8089/v1"}, ProviderOpenAI, nil},
		{"compatible on localhost http", map[string]string{"OPENAI_API_KEY": "sk-secret", "OPENAI_BASE_URL": "http://localhost:8089/v1"}, ProviderOpenAI, nil},
		{"compatible on remote http", map[string]string{"OPENAI_API_KEY": "sk-secret", "OPENAI_BASE_URL": "http://emulator:8089/v1"},
			ProviderOpenAI, []string{"OPENAI_BASE_URL", "http://emulator:8089/v1", "OPENAI_ALLOW_INSECURE_HTTP=true"}},
		{"compatible on remote http, allowed", map[string]string{"OPENAI_API_KEY": "sk-secret", "OPENAI_BASE_URL": "http://emulator:8089/v1",
			"OPENAI_ALLOW_INSECURE_HTTP": "true"}, ProviderOpenAI, nil},
		{"azure key without endpoint", map[string]string{"AZURE_OPENAI_API_KEY": "az"}, ProviderOpenAI,
			[]string{"AZURE_OPENAI_API_KEY", "AZURE_OPENAI_ENDPOINT"}},
		{"azure key", map[string]string{"AZURE_OPENAI_ENDPOINT": azure, "AZURE_OPENAI_API_KEY": "az"}, ProviderAzureOpenAI, nil},
		{"azure entra id", map[string]string{"AZURE_OPENAI_ENDPOINT": azure}, ProviderAzureOpenAI, nil},
		{"azure ignores an openai key", map[string]string{"AZURE_OPENAI_ENDPOINT": azure, "OPENAI_API_KEY": "sk-secret"}, ProviderAzureOpenAI, nil},
		{"azure and a base url", map[string]string{"AZURE_OPENAI_ENDPOINT": azure, "OPENAI_BASE_URL": "https://proxy.example/v1"},
			ProviderAzureOpenAI, []string{"AZURE_OPENAI_ENDPOINT", "OPENAI_BASE_URL"}},
		{"azure and openai headers", map[string]string{"AZURE_OPENAI_ENDPOINT": azure, "OPENAI_ORG_ID": "o", "OPENAI_PROJECT_ID": "p"},
			ProviderAzureOpenAI, []string{"OPENAI_ORG_ID", "OPENAI_PROJECT_ID"}},
		{"azure not a url", map[string]string{"AZURE_OPENAI_ENDPOINT": "x.openai.azure.com"}, ProviderAzureOpenAI, []string{"AZURE_OPENAI_ENDPOINT"}},
		{"azure over remote http", map[string]string{"AZURE_OPENAI_ENDPOINT": "http://x.openai.azure.com", "OPENAI_ALLOW_INSECURE_HTTP": "true"},
			ProviderAzureOpenAI, []string{"AZURE_OPENAI_ENDPOINT", "https://"}},
		{"azure endpoint with a path", map[string]string{"AZURE_OPENAI_ENDPOINT": azure + "/openai"}, ProviderAzureOpenAI,
			[]string{"AZURE_OPENAI_ENDPOINT", "path"}},
		{"azure responses", map[string]string{"AZURE_OPENAI_ENDPOINT": azure, "OPENAI_PROTOCOL": "responses"}, ProviderAzureOpenAI, nil},
		{"foundry", map[string]string{"AZURE_AI_PROJECT_ENDPOINT": foundry}, ProviderFoundry, nil},
		{"foundry with trailing slash", map[string]string{"AZURE_AI_PROJECT_ENDPOINT": foundry + "/"}, ProviderFoundry, nil},
		{"foundry ignores an openai key", map[string]string{"AZURE_AI_PROJECT_ENDPOINT": foundry, "OPENAI_API_KEY": "sk-secret"}, ProviderFoundry, nil},
		{"foundry with an azure key", map[string]string{"AZURE_AI_PROJECT_ENDPOINT": foundry, "AZURE_OPENAI_API_KEY": "az"},
			ProviderFoundry, []string{"AZURE_AI_PROJECT_ENDPOINT", "AZURE_OPENAI_API_KEY", "Entra ID"}},
		{"foundry and azure openai", map[string]string{"AZURE_AI_PROJECT_ENDPOINT": foundry, "AZURE_OPENAI_ENDPOINT": azure},
			ProviderFoundry, []string{"AZURE_AI_PROJECT_ENDPOINT", "AZURE_OPENAI_ENDPOINT"}},
		{"foundry resource endpoint", map[string]string{"AZURE_AI_PROJECT_ENDPOINT": "https://x.services.ai.azure.com"},
			ProviderFoundry, []string{"AZURE_AI_PROJECT_ENDPOINT", "/api/projects/"}},
		{"foundry over remote http", map[string]string{"AZURE_AI_PROJECT_ENDPOINT": "http://x.services.ai.azure.com/api/projects/p"},
			ProviderFoundry, []string{"AZURE_AI_PROJECT_ENDPOINT", "https://"}},
		{"foundry responses", map[string]string{"AZURE_AI_PROJECT_ENDPOINT": foundry, "OPENAI_PROTOCOL": "responses"},
			ProviderFoundry, []string{"OPENAI_PROTOCOL", "AZURE_AI_PROJECT_ENDPOINT"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cleanEnv(t, tc.env)

			w, err := LoadWorker()

			require.Equal(t, tc.provider, w.Provider())
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			for _, s := range tc.want {
				require.Contains(t, err.Error(), s)
			}
			require.NotContains(t, err.Error(), "sk-secret", "no key in the error")
		})
	}
}

func TestFoundryDefaults(t *testing.T) {
	cleanEnv(t, map[string]string{"AZURE_AI_PROJECT_ENDPOINT": "https://x.services.ai.azure.com/api/projects/p1"})

	w, err := LoadWorker()

	require.NoError(t, err)
	require.Equal(t, ProviderFoundry, w.Provider())
	require.True(t, w.Azure())
	require.Equal(t, ProtocolAssistants, w.ProtocolOrDefault())
	require.Equal(t, "2025-05-01", w.FoundryAPIVersion)
}
