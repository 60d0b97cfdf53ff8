package config

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
)

// TokenError is Microsoft Entra ID giving the worker no token for the model
// API: at start, or mid-run once the last token expired. Without it a run
// would see only a request that never left ("model API unreachable") and
// retry it until it expired, however final the refusal.
type TokenError struct {
	Scope   string
	Status  int  // HTTP status of the identity endpoint's answer; 0: none
	Refused bool // it answered and refused: asking again will not help
	Hint    string
	Err     error // the credential's own error, for the worker's log at start
}

func (e *TokenError) Error() string {
	return fmt.Sprintf("get a Microsoft Entra ID token for %s: %v", e.Scope, e.Err)
}

func (e *TokenError) Unwrap() error { return e.Err }

// CredentialFailure is the message a run's failure carries, and whether the
// failure is final. It names the scope and the status, never the
// credential's text (the identity endpoint's answer, which may echo what
// the worker sent).
func (e *TokenError) CredentialFailure() (string, bool) {
	if !e.Refused {
		return fmt.Sprintf("Microsoft Entra ID could not be reached for a token for %s (%s)", e.Scope, e.Hint), false
	}
	return fmt.Sprintf("Microsoft Entra ID refused a token for %s (HTTP %d): the worker's identity can no longer sign in (%s)",
		e.Scope, e.Status, e.Hint), true
}

// newTokenError classifies err of a credential: refused when the identity
// endpoint answered with a client error other than 408 and 429 (the
// identity is unknown, unassigned, disabled or its secret expired).
func newTokenError(scope, hint string, err error) *TokenError {
	te := &TokenError{Scope: scope, Hint: hint, Err: err}
	var failed *azidentity.AuthenticationFailedError
	if errors.As(err, &failed) && failed.RawResponse != nil {
		te.Status = failed.RawResponse.StatusCode
		te.Refused = te.Status >= 400 && te.Status < 500 &&
			te.Status != http.StatusRequestTimeout && te.Status != http.StatusTooManyRequests
	}
	return te
}
