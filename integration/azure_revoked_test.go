package integration

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// TestAzureIdentityRevokedMidRun: the worker's identity is removed while a
// run waits on the model; once its last token expires, Entra ID refuses a
// new one, and the run fails at once saying so (not "model API
// unreachable", retried until the run expires), in both Entra ID modes.
func TestAzureIdentityRevokedMidRun(t *testing.T) {
	eachAzureProvider(t, func(t *testing.T, p azureProvider) {
		if p.key != "" {
			t.Skip("a key has no tokens")
		}
		e, tokens := azureEnv(t, p)
		w := e.startTestWorker("LOG_LEVEL=debug")
		ctx := e.ctx(90 * time.Second)
		run, err := e.client.StartRun(ctx, assistant.RunRequest{AssistantID: e.createAssistant(), Message: "hi\nsleep: 30s"})
		require.NoError(t, err)
		require.Eventually(t, func() bool { return e.emu.Stats().RunsCreated == 1 }, 30*time.Second, 50*time.Millisecond)
		tokens.Revoke()
		revoked := time.Now()

		_, err = run.Result(ctx)
		require.Error(t, err)
		scope := map[openaitest.AzureMode]string{openaitest.AzureOpenAI: "https://cognitiveservices.azure.com/.default",
			openaitest.AzureFoundry: "https://ai.azure.com/.default"}[p.mode]
		require.ErrorContains(t, err, "Microsoft Entra ID refused a token for "+scope+" (HTTP 400)")
		require.ErrorContains(t, err, assistant.ErrorTypeUnauthorized)
		require.NotContains(t, err.Error(), "unreachable")
		took := time.Since(revoked)
		t.Logf("%s: failed %v after the revocation (tokens live %v)", p.name, took.Round(time.Millisecond), azureTokenTTL)
		require.Less(t, took, 3*azureTokenTTL, "failed when the last token expired, not retried on")
		requireNoCredentialIn(t, "the worker's debug log", w.out.String(), p, tokens)
	})
}
