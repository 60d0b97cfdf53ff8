package config

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/stretchr/testify/require"
)

// A token the cache cannot get is a *TokenError, final only when Entra ID
// answered with a client error other than 408 and 429; its failure message
// names scope and status, never the credential's text.
func TestTokenErrorIsFinalOnlyWhenEntraRefused(t *testing.T) {
	for status, final := range map[int]bool{400: true, 401: true, 403: true, 408: false, 429: false, 500: false, 503: false, 0: false} {
		var cause error = errors.New("secret-bearing text")
		if status != 0 {
			cause = &azidentity.AuthenticationFailedError{RawResponse: &http.Response{StatusCode: status}}
		}
		c := newTokenCache(failing{cause})
		c.hint = "use a managed identity"
		_, err := c.GetToken(context.Background(), scopes(ScopeFoundry))
		var te *TokenError
		require.ErrorAs(t, err, &te, "status %d", status)
		msg, gotFinal := te.CredentialFailure()
		require.Equal(t, final, gotFinal, "status %d", status)
		require.Contains(t, msg, ScopeFoundry)
		require.Contains(t, msg, "use a managed identity")
		require.NotContains(t, msg, "secret-bearing")
		if final {
			require.Contains(t, msg, fmt.Sprintf("HTTP %d", status))
		}
		require.ErrorIs(t, err, cause, "the cause stays for the start-up message")
	}
}

type failing struct{ err error }

func (f failing) GetToken(context.Context, policy.TokenRequestOptions) (azcore.AccessToken, error) {
	return azcore.AccessToken{}, f.err
}
