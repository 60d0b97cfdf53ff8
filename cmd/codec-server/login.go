package main

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"net/http"
)

// The Temporal UI cannot send a fixed bearer token: it sends only its own
// OIDC access token, and only over https. What it can send, with
// TEMPORAL_CODEC_INCLUDE_CREDENTIALS=true, is a cookie. So a person signs in
// once at /login with the token, and the codec server sets a session cookie
// that the UI's fetches then carry (SameSite=Strict: the UI and the codec
// server are the same site when both are on one host, and no other site's
// page makes the browser send it).

// sessionCookie is the cookie's name.
const sessionCookie = "codec-session"

// sessionMaxAge is how long a sign-in lasts (a working day).
const sessionMaxAge = 12 * 60 * 60

// sessionValue is what the cookie holds: derived from the token, so the
// browser never stores the token itself (which the CLI also uses).
func sessionValue(token string) string {
	sum := sha256.Sum256([]byte("durable-assistants codec session\x00" + token))
	return hex.EncodeToString(sum[:])
}

// hasSession reports whether r carries the session cookie of token.
func hasSession(r *http.Request, token string) bool {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(c.Value), []byte(sessionValue(token))) == 1
}

// loginForm is the sign-in page: no script, no external resource.
const loginForm = `<!doctype html>
<title>Codec server sign-in</title>
<form method="post" action="login">
<p>Sign in once so the Temporal UI can decrypt payloads through this codec server.</p>
<label>Token (CODEC_SERVER_TOKEN) <input type="password" name="token" autocomplete="current-password" autofocus></label>
<button>Sign in</button>
</form>
`

// serveLogin shows the form (GET) or checks the token and sets the session
// cookie (POST). Without a token configured there is nothing to sign in to.
func (o handlerOptions) serveLogin(w http.ResponseWriter, r *http.Request) {
	if o.Token == "" {
		http.Error(w, "this codec server needs no sign-in (no CODEC_SERVER_TOKEN)", http.StatusNotFound)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	switch r.Method {
	case http.MethodGet:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", "default-src 'none'; form-action 'self'")
		fmt.Fprint(w, loginForm)
	case http.MethodPost:
		r.Body = http.MaxBytesReader(w, r.Body, 4096)
		got := []byte(r.PostFormValue("token"))
		if subtle.ConstantTimeCompare(got, []byte(o.Token)) != 1 {
			http.Error(w, "wrong token", http.StatusUnauthorized)
			return
		}
		http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: sessionValue(o.Token), Path: "/",
			MaxAge: sessionMaxAge, HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteStrictMode})
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "Signed in: the Temporal UI now decrypts through this codec server (reload its page).")
	default:
		w.Header().Set("Allow", "GET, POST")
		http.Error(w, "use GET or POST", http.StatusMethodNotAllowed)
	}
}
