package config

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/openai/openai-go/v3/option"
)

// signInTimeout bounds the sign-in at start (the managed identity probe and
// the Azure CLI can each take seconds).
const signInTimeout = 30 * time.Second

// signIn returns the Entra ID credential (Model.Credential, else azidentity's
// default chain) behind a token cache, after getting one token for scope so
// a worker that cannot sign in stops at start with the reason.
func (m Model) signIn(ctx context.Context, scope string) (azcore.TokenCredential, error) {
	cred := m.Credential
	if cred == nil {
		var err error
		if cred, err = azidentity.NewDefaultAzureCredential(nil); err != nil {
			return nil, fmt.Errorf("sign in with Microsoft Entra ID: %w", err)
		}
	}
	cached := newTokenCache(cred)
	cached.hint = m.entraHint()
	ctx, cancel := context.WithTimeout(ctx, signInTimeout)
	defer cancel()
	if _, err := cached.GetToken(ctx, policy.TokenRequestOptions{Scopes: []string{scope}}); err != nil {
		return nil, fmt.Errorf("sign-in with Microsoft Entra ID for %s failed (%s): %w", scope, m.entraHint(), err)
	}
	return cached, nil
}

// entraHint says how to sign in, or to use a key where there is one.
func (m Model) entraHint() string {
	how := "use workload identity (AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE), a managed identity, or `az login`"
	if m.Provider() == ProviderAzureOpenAI {
		return "AZURE_OPENAI_API_KEY is not set, so the worker signs in: " + how + "; or set AZURE_OPENAI_API_KEY"
	}
	return how
}

// tokenCache hands out a token until shortly before it expires, then gets a
// fresh one: long runs keep working across token lifetimes, and a poll does
// not sign in again (openai-go's azure.WithTokenCredential asks its credential
// on every request; the Azure CLI credential runs `az` each time).
type tokenCache struct {
	cred   azcore.TokenCredential
	margin time.Duration // refresh this long before ExpiresOn (azcore's rule)
	hint   string        // how to sign in, for a TokenError

	mu     sync.Mutex
	tokens map[string]azcore.AccessToken // by scopes and tenant
}

func newTokenCache(cred azcore.TokenCredential) *tokenCache {
	return &tokenCache{cred: cred, margin: 5 * time.Minute, tokens: map[string]azcore.AccessToken{}}
}

// GetToken implements azcore.TokenCredential. Its errors are *TokenError.
func (c *tokenCache) GetToken(ctx context.Context, o policy.TokenRequestOptions) (azcore.AccessToken, error) {
	if o.Claims != "" { // a claims challenge wants a new token, not a cached one
		tok, err := c.cred.GetToken(ctx, o)
		if err != nil {
			return tok, newTokenError(strings.Join(o.Scopes, " "), c.hint, err)
		}
		return tok, nil
	}
	key := strings.Join(o.Scopes, " ") + "|" + o.TenantID
	c.mu.Lock()
	defer c.mu.Unlock()
	tok, ok := c.tokens[key]
	now := time.Now()
	if ok && now.Before(c.refreshAt(tok)) {
		return tok, nil
	}
	fresh, err := c.cred.GetToken(ctx, o)
	if err != nil {
		if ok && now.Before(tok.ExpiresOn) { // still valid: try again on the next request
			return tok, nil
		}
		return azcore.AccessToken{}, newTokenError(strings.Join(o.Scopes, " "), c.hint, err)
	}
	c.tokens[key] = fresh
	return fresh, nil
}

func (c *tokenCache) refreshAt(t azcore.AccessToken) time.Time {
	if !t.RefreshOn.IsZero() {
		return t.RefreshOn
	}
	return t.ExpiresOn.Add(-c.margin)
}

// bearer puts an Entra ID token for scope on each request (Foundry, where
// openai-go's azure package, which adds /openai/ to paths, does not fit).
func bearer(cred azcore.TokenCredential, scope string) option.Middleware {
	return func(r *http.Request, next option.MiddlewareNext) (*http.Response, error) {
		tok, err := cred.GetToken(r.Context(), policy.TokenRequestOptions{Scopes: []string{scope}})
		if err != nil {
			var te *TokenError
			if errors.As(err, &te) {
				return nil, err
			}
			return nil, newTokenError(scope, "", err)
		}
		r.Header.Del("Api-Key")
		r.Header.Set("Authorization", "Bearer "+tok.Token)
		return next(r)
	}
}
