package openaitest

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Tokens plays Microsoft Entra ID for the Azure modes: it issues opaque
// tokens for an audience, valid for TTL, and the emulator accepts only those,
// unexpired and for its own audience.
type Tokens struct {
	ttl time.Duration

	mu       sync.Mutex
	issued   map[string]issuedToken
	accepted map[string]bool // tokens the API accepted
	refused  int             // bearer tokens refused (unknown, expired, wrong audience)
	revoked  bool            // the identity was removed: no more tokens
}

// Revoke plays an identity removed mid-run (its role assignment or the
// managed identity deleted): the token endpoint refuses from now on, and
// the tokens already issued keep working until they expire.
func (t *Tokens) Revoke() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.revoked = true
}

func (t *Tokens) isRevoked() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.revoked
}

type issuedToken struct {
	audience string
	expires  time.Time
}

// NewTokens returns an issuer of tokens valid for ttl.
func NewTokens(ttl time.Duration) *Tokens {
	return &Tokens{ttl: ttl, issued: map[string]issuedToken{}, accepted: map[string]bool{}}
}

// Issue returns a new token for audience (a resource such as
// AudienceFoundry; a scope's "/.default" is dropped) and its expiry.
func (t *Tokens) Issue(audience string) (string, time.Time) {
	audience = strings.TrimSuffix(audience, "/.default")
	tok := newID("entra")
	exp := time.Now().Add(t.ttl)
	t.mu.Lock()
	defer t.mu.Unlock()
	t.issued[tok] = issuedToken{audience: audience, expires: exp}
	return tok, exp
}

func (t *Tokens) accept(tok, audience string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	it, ok := t.issued[tok]
	if !ok || it.audience != audience || !time.Now().Before(it.expires) {
		t.refused++
		return false
	}
	t.accepted[tok] = true
	return true
}

// Values returns every token issued, for tests that check none leaked.
func (t *Tokens) Values() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([]string, 0, len(t.issued))
	for tok := range t.issued {
		out = append(out, tok)
	}
	return out
}

// TokenStats are what the issuer saw.
type TokenStats struct {
	Issued   int // tokens issued
	Accepted int // distinct tokens the API accepted
	Refused  int // bearer requests refused
}

// Stats returns the issuer's counters.
func (t *Tokens) Stats() TokenStats {
	t.mu.Lock()
	defer t.mu.Unlock()
	return TokenStats{Issued: len(t.issued), Accepted: len(t.accepted), Refused: t.refused}
}

// ManagedIdentityHandler serves tokens the way App Service's managed identity
// endpoint does (IDENTITY_ENDPOINT, with IDENTITY_HEADER sent back as
// X-IDENTITY-HEADER): point a worker process's azidentity default credential
// at it with IDENTITY_ENDPOINT=<url> IDENTITY_HEADER=<secret>.
func (t *Tokens) ManagedIdentityHandler(secret string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if r.Header.Get("X-IDENTITY-HEADER") != secret || q.Get("api-version") != "2019-08-01" || q.Get("resource") == "" {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_request"})
			return
		}
		if t.isRevoked() {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_request",
				"error_description": "Identity not found"})
			return
		}
		tok, exp := t.Issue(q.Get("resource"))
		writeJSON(w, http.StatusOK, map[string]string{
			"access_token": tok, "expires_on": strconv.FormatInt(exp.Unix(), 10),
			"resource": q.Get("resource"), "token_type": "Bearer",
		})
	})
}
