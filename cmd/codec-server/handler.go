package main

import (
	"bytes"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"

	"go.temporal.io/sdk/converter"
)

// handlerOptions are the edge rules around the SDK's codec protocol.
type handlerOptions struct {
	Token    string   // bearer token required on /encode and /decode; "" = none
	Origins  []string // browser origins allowed by CORS (the Temporal UI's)
	MaxBytes int64    // largest request body
}

// newHandler serves POST /encode and /decode (any path prefix, as the SDK's
// remote codec and the UI use) with a JSON Payloads body, the protocol of
// converter.NewPayloadCodecHTTPHandler, behind CORS, a bearer token (or the
// session cookie of /login, for the UI) and a body size limit; and /healthz,
// which answers without a token and tells nothing but "up".
func newHandler(c converter.PayloadCodec, o handlerOptions) http.Handler {
	codec := converter.NewPayloadCodecHTTPHandler(c)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/healthz":
			w.WriteHeader(http.StatusOK)
			return
		case "/login": // its own page posts here: no CORS
			o.serveLogin(w, r)
			return
		}
		if !o.cors(w, r) {
			http.Error(w, "origin not allowed", http.StatusForbidden)
			return
		}
		if r.Method == http.MethodOptions { // a preflight carries no credentials
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if !strings.HasSuffix(r.URL.Path, "/encode") && !strings.HasSuffix(r.URL.Path, "/decode") {
			http.NotFound(w, r)
			return
		}
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", "POST, OPTIONS")
			http.Error(w, "use POST", http.StatusMethodNotAllowed)
			return
		}
		if !o.authorized(r) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="codec"`)
			http.Error(w, "missing or wrong bearer token (a browser signs in at /login)", http.StatusUnauthorized)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, o.MaxBytes))
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			http.Error(w, fmt.Sprintf("request body over %d bytes (CODEC_SERVER_MAX_REQUEST_BYTES)", o.MaxBytes),
				http.StatusRequestEntityTooLarge)
			return
		case err != nil:
			http.Error(w, "reading the request body failed", http.StatusBadRequest)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		codec.ServeHTTP(w, r)
	})
}

// cors sets the CORS headers for an allowed origin; false when the request
// comes from a browser origin that is not allowed. Requests without an
// Origin (the CLI, curl) are not cross-origin and pass.
func (o handlerOptions) cors(w http.ResponseWriter, r *http.Request) bool {
	origin := r.Header.Get("Origin")
	w.Header().Add("Vary", "Origin")
	if origin == "" {
		return true
	}
	if !slices.Contains(o.Origins, origin) {
		return false
	}
	h := w.Header()
	h.Set("Access-Control-Allow-Origin", origin)
	h.Set("Access-Control-Allow-Credentials", "true")
	h.Set("Access-Control-Allow-Methods", "POST, OPTIONS")
	h.Set("Access-Control-Allow-Headers", "Content-Type, X-Namespace, Authorization")
	h.Set("Access-Control-Max-Age", "600")
	return true
}

// authorized: no token configured, or the bearer token (CLI, SDK), or the
// session cookie of /login (the UI, which cannot send a fixed bearer token).
func (o handlerOptions) authorized(r *http.Request) bool {
	if o.Token == "" {
		return true
	}
	if got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		return subtle.ConstantTimeCompare([]byte(got), []byte(o.Token)) == 1
	}
	return hasSession(r, o.Token)
}
