package activities

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/openai/openai-go/v3"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/internal/config"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// expiringIdentity plays Entra ID for a worker whose identity stops working
// mid-run: the first token is issued by the emulator's issuer (short
// lived), every later ask fails with failure (nil: never fails).
type expiringIdentity struct {
	tokens  *openaitest.Tokens
	failure error

	mu     sync.Mutex
	issued int
}

func (c *expiringIdentity) GetToken(_ context.Context, o policy.TokenRequestOptions) (azcore.AccessToken, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.issued > 0 && c.failure != nil {
		return azcore.AccessToken{}, c.failure
	}
	c.issued++
	tok, exp := c.tokens.Issue(o.Scopes[0])
	return azcore.AccessToken{Token: tok, ExpiresOn: exp}, nil
}

// azureModel is the model configuration of a worker on the emulator at url
// in Azure mode, signing in to Entra ID with cred.
func azureModel(mode openaitest.AzureMode, url string, cred azcore.TokenCredential) config.Model {
	if mode == openaitest.AzureFoundry {
		return config.Model{FoundryEndpoint: url, FoundryAPIVersion: "2025-05-01", Credential: cred, RequestTimeout: 5 * time.Second}
	}
	return config.Model{AzureEndpoint: url, AzureAPIVersion: "2024-05-01-preview", Credential: cred, RequestTimeout: 5 * time.Second}
}

// refusedBy is Entra ID's answer to an identity it no longer knows.
func refusedBy(status int) error {
	return &azidentity.AuthenticationFailedError{RawResponse: &http.Response{StatusCode: status}}
}

// A run whose Entra ID token expires and cannot be renewed fails saying so:
// at once when Entra ID refused the identity (asking again will not help),
// retried when Entra ID could not be reached. Before, both were "model API
// unreachable", retried until the run expired. Through the real clients of
// both Azure providers (openai-go's azure package for Azure OpenAI, the
// bearer middleware for Foundry) against the emulator in Azure mode.
func TestEntraTokenRefusedMidRunIsNamed(t *testing.T) {
	for _, mode := range []openaitest.AzureMode{openaitest.AzureOpenAI, openaitest.AzureFoundry} {
		for name, tc := range map[string]struct {
			failure   error
			wantType  string
			final     bool
			wantWords string
		}{
			"refused":     {refusedBy(http.StatusBadRequest), assistant.ErrorTypeUnauthorized, true, "refused a token"},
			"unreachable": {errors.New("dial tcp: connection refused"), assistant.ErrorTypeConnection, false, "could not be reached"},
		} {
			t.Run(map[openaitest.AzureMode]string{openaitest.AzureOpenAI: "azure-openai", openaitest.AzureFoundry: "foundry"}[mode]+"/"+name, func(t *testing.T) {
				tokens := openaitest.NewTokens(500 * time.Millisecond)
				_, url := openaitest.NewTestServer(t, openaitest.Options{Azure: &openaitest.AzureOptions{Mode: mode, Tokens: tokens}})
				cred := &expiringIdentity{tokens: tokens, failure: tc.failure}
				c, err := azureModel(mode, url, cred).NewClient(context.Background())
				require.NoError(t, err)
				_, err = c.Beta.Threads.New(context.Background(), openai.BetaThreadNewParams{})
				require.NoError(t, err, "the first token works")

				// The token's lifetime passes (500 ms): only the clock ends it, nothing to
				// await. Meanwhile the identity stopped signing in.
				time.Sleep(600 * time.Millisecond)
				_, err = c.Beta.Threads.New(context.Background(), openai.BetaThreadNewParams{})
				require.Error(t, err)
				var app *temporal.ApplicationError
				require.ErrorAs(t, classify("create thread", err), &app)
				require.Equal(t, tc.wantType, app.Type(), app.Error())
				require.Equal(t, tc.final, app.NonRetryable(), app.Error())
				require.Contains(t, app.Error(), "create thread: Microsoft Entra ID "+tc.wantWords)
				require.Contains(t, app.Error(), "/.default")
				require.NotContains(t, app.Error(), "unreachable")
				require.NotContains(t, app.Error(), "connection refused", "the credential's own text stays out of history")
				require.Zero(t, tokens.Stats().Refused, "no request went out with the expired token")
			})
		}
	}
}

// An identity that signs in but holds no role on the resource gets Azure's
// 401 PermissionDenied: the run fails at once, and its error says what
// Foundry said is missing (the data action), read from Azure's body.
func TestAzurePermissionDeniedIsNamed(t *testing.T) {
	for mode, want := range map[openaitest.AzureMode]string{
		openaitest.AzureOpenAI:  "create thread: 401 PermissionDenied: Principal does not have access to API/Operation.",
		openaitest.AzureFoundry: "create thread: 401 PermissionDenied: The principal `",
	} {
		tokens := openaitest.NewTokens(time.Minute)
		_, url := openaitest.NewTestServer(t, openaitest.Options{Azure: &openaitest.AzureOptions{
			Mode: mode, Tokens: tokens, MissingRole: true}})
		cred := &expiringIdentity{tokens: tokens} // one token is enough here
		c, err := azureModel(mode, url, cred).NewClient(context.Background())
		require.NoError(t, err)
		_, err = c.Beta.Threads.New(context.Background(), openai.BetaThreadNewParams{})
		var app *temporal.ApplicationError
		require.ErrorAs(t, classify("create thread", err), &app)
		require.Equal(t, assistant.ErrorTypeUnauthorized, app.Type())
		require.True(t, app.NonRetryable())
		require.Contains(t, app.Error(), want)
		if mode == openaitest.AzureFoundry {
			require.Contains(t, app.Error(), "agents/write")
		}
	}
}
