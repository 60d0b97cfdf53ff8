package config

import (
	"context"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/openai/openai-go/v3"
	"github.com/stretchr/testify/require"
)

func scopes(s string) policy.TokenRequestOptions {
	return policy.TokenRequestOptions{Scopes: []string{s}}
}

func TestTokenCacheReusesThenRefreshesBeforeExpiry(t *testing.T) {
	cred := &fakeCredential{ttl: time.Second}
	c := newTokenCache(cred)
	c.margin = 500 * time.Millisecond
	ctx := context.Background()

	first, err := c.GetToken(ctx, scopes(ScopeFoundry))
	require.NoError(t, err)
	again, err := c.GetToken(ctx, scopes(ScopeFoundry))
	require.NoError(t, err)
	require.Equal(t, first.Token, again.Token, "a fresh token is reused")
	other, err := c.GetToken(ctx, scopes(ScopeAzureOpenAI))
	require.NoError(t, err)
	require.NotEqual(t, first.Token, other.Token, "one token per scope")

	time.Sleep(600 * time.Millisecond) // inside the margin, not yet expired
	renewed, err := c.GetToken(ctx, scopes(ScopeFoundry))
	require.NoError(t, err)
	require.NotEqual(t, first.Token, renewed.Token)
	require.True(t, time.Now().Before(first.ExpiresOn), "renewed before the old token expired")
	calls, _ := cred.state()
	require.Equal(t, 3, calls)
}

func TestTokenCacheKeepsAValidTokenWhenRefreshFails(t *testing.T) {
	cred := &fakeCredential{ttl: time.Second}
	c := newTokenCache(cred)
	c.margin = 900 * time.Millisecond
	ctx := context.Background()
	first, err := c.GetToken(ctx, scopes(ScopeFoundry))
	require.NoError(t, err)

	cred.setFail(true)
	time.Sleep(150 * time.Millisecond)
	tok, err := c.GetToken(ctx, scopes(ScopeFoundry))
	require.NoError(t, err, "the old token is still valid")
	require.Equal(t, first.Token, tok.Token)

	time.Sleep(time.Second)
	_, err = c.GetToken(ctx, scopes(ScopeFoundry))
	require.ErrorContains(t, err, "no identity here", "an expired token is never handed out")
}

// TestAzureEntraSignsInOncePerToken: many requests, one sign-in, where
// openai-go's azure.WithTokenCredential alone would ask on every request.
func TestAzureEntraSignsInOncePerToken(t *testing.T) {
	for _, provider := range []string{ProviderAzureOpenAI, ProviderFoundry} {
		t.Run(provider, func(t *testing.T) {
			cleanEnv(t, nil)
			base, seen := fakeAPI(t)
			cred := &fakeCredential{ttl: time.Hour}
			m := Model{AzureEndpoint: base, AzureAPIVersion: "v1", Credential: cred, RequestTimeout: 5 * time.Second}
			if provider == ProviderFoundry {
				m = Model{FoundryEndpoint: base + "/api/projects/p", FoundryAPIVersion: "v1", Credential: cred, RequestTimeout: 5 * time.Second}
			}
			c, err := m.NewClient(context.Background())
			require.NoError(t, err)
			for range 5 {
				_, err := c.Beta.Threads.New(context.Background(), openai.BetaThreadNewParams{})
				require.NoError(t, err)
			}
			calls, _ := cred.state()
			require.Equal(t, 1, calls)
			for _, r := range seen() {
				require.Equal(t, "Bearer entra-token-1", r.header.Get("Authorization"))
			}
		})
	}
}
