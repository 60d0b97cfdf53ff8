package main

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/sdk/converter"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/durable-assistants/durable-assistants/codec"
)

const uiOrigin = "http://localhost:8233"

func testServer(t *testing.T, o handlerOptions) (*httptest.Server, *codec.Codec) {
	t.Helper()
	c, err := codec.New(codec.Key{ID: "k1", Secret: bytes.Repeat([]byte{9}, 32)})
	require.NoError(t, err)
	if o.MaxBytes == 0 {
		o.MaxBytes = 1 << 20
	}
	srv := httptest.NewServer(newServer(newHandler(c, o)).Handler)
	t.Cleanup(srv.Close)
	return srv, c
}

func post(t *testing.T, url string, body []byte, header map[string]string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func payloadsJSON(t *testing.T, ps ...*commonpb.Payload) []byte {
	b, err := protojson.Marshal(&commonpb.Payloads{Payloads: ps})
	require.NoError(t, err)
	return b
}

// The protocol of the UI and the CLI: POST a JSON Payloads to .../decode,
// get the decrypted Payloads back; /encode is the inverse.
func TestDecodeAndEncodeAsTheUIAndCLIDo(t *testing.T) {
	srv, c := testServer(t, handlerOptions{Token: "tok"})
	plain, err := converter.GetDefaultDataConverter().ToPayload("the user's secret message")
	require.NoError(t, err)
	enc, err := c.Encode([]*commonpb.Payload{plain})
	require.NoError(t, err)

	auth := map[string]string{"Authorization": "Bearer tok", "X-Namespace": "default"}
	resp := post(t, srv.URL+"/decode", payloadsJSON(t, enc...), auth)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	body, _ := io.ReadAll(resp.Body)
	var got commonpb.Payloads
	require.NoError(t, protojson.Unmarshal(body, &got))
	var s string
	require.NoError(t, converter.GetDefaultDataConverter().FromPayload(got.Payloads[0], &s))
	require.Equal(t, "the user's secret message", s)

	resp = post(t, srv.URL+"/default/encode", payloadsJSON(t, plain), auth)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	body, _ = io.ReadAll(resp.Body)
	require.NotContains(t, string(body), "secret message")
	require.NoError(t, protojson.Unmarshal(body, &got))
	require.Equal(t, "k1", string(got.Payloads[0].Metadata[codec.MetadataKeyID]))
}

func TestBearerToken(t *testing.T) {
	srv, _ := testServer(t, handlerOptions{Token: "right"})
	body := payloadsJSON(t)
	for name, h := range map[string]map[string]string{
		"none":       {},
		"wrong":      {"Authorization": "Bearer wrong"},
		"not bearer": {"Authorization": "Basic right"},
		"prefix":     {"Authorization": "Bearer righ"},
	} {
		resp := post(t, srv.URL+"/decode", body, h)
		require.Equal(t, http.StatusUnauthorized, resp.StatusCode, name)
		require.NotEmpty(t, resp.Header.Get("WWW-Authenticate"))
	}
	resp := post(t, srv.URL+"/decode", body, map[string]string{"Authorization": "Bearer right"})
	require.Equal(t, http.StatusOK, resp.StatusCode)
}

func TestCORSForTheUIOriginOnly(t *testing.T) {
	srv, _ := testServer(t, handlerOptions{Origins: []string{uiOrigin}})

	preflight := func(origin string) *http.Response {
		req, _ := http.NewRequest(http.MethodOptions, srv.URL+"/decode", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "content-type,x-namespace")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		return resp
	}
	ok := preflight(uiOrigin)
	require.Equal(t, http.StatusNoContent, ok.StatusCode)
	require.Equal(t, uiOrigin, ok.Header.Get("Access-Control-Allow-Origin"))
	require.Contains(t, ok.Header.Get("Access-Control-Allow-Headers"), "X-Namespace")
	require.Contains(t, ok.Header.Get("Access-Control-Allow-Methods"), "POST")

	bad := preflight("http://evil.example")
	require.Equal(t, http.StatusForbidden, bad.StatusCode)
	require.Empty(t, bad.Header.Get("Access-Control-Allow-Origin"))

	resp := post(t, srv.URL+"/decode", payloadsJSON(t), map[string]string{"Origin": "http://evil.example"})
	require.Equal(t, http.StatusForbidden, resp.StatusCode)
	resp = post(t, srv.URL+"/decode", payloadsJSON(t), map[string]string{"Origin": uiOrigin})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, uiOrigin, resp.Header.Get("Access-Control-Allow-Origin"))
}

func TestRequestLimits(t *testing.T) {
	srv, _ := testServer(t, handlerOptions{MaxBytes: 1024})
	big := payloadsJSON(t, &commonpb.Payload{Data: bytes.Repeat([]byte("a"), 2048)})
	resp := post(t, srv.URL+"/decode", big, nil)
	require.Equal(t, http.StatusRequestEntityTooLarge, resp.StatusCode)
	body, _ := io.ReadAll(resp.Body)
	require.Contains(t, string(body), "over 1024 bytes")

	resp = post(t, srv.URL+"/decode", []byte("{not json"), nil)
	require.Equal(t, http.StatusBadRequest, resp.StatusCode)

	get, err := http.Get(srv.URL + "/decode")
	require.NoError(t, err)
	get.Body.Close()
	require.Equal(t, http.StatusMethodNotAllowed, get.StatusCode)

	resp = post(t, srv.URL+"/other", payloadsJSON(t), nil)
	require.Equal(t, http.StatusNotFound, resp.StatusCode)
}

func TestServerTimeoutsAreSet(t *testing.T) {
	s := newServer(http.NotFoundHandler())
	require.Positive(t, s.ReadHeaderTimeout)
	require.Positive(t, s.ReadTimeout)
	require.Positive(t, s.WriteTimeout)
	require.Positive(t, s.IdleTimeout)
	require.Positive(t, s.MaxHeaderBytes)
}

func TestConfigNeedsATokenOffLoopback(t *testing.T) {
	keys := "k1:" + strings.Repeat("A", 43) + "="
	base := Config{Address: "127.0.0.1:8081", Keys: keys, MaxBytes: 1024}
	_, _, err := base.build()
	require.NoError(t, err)

	remote := base
	remote.Address = "0.0.0.0:8081"
	_, _, err = remote.build()
	require.ErrorContains(t, err, "CODEC_SERVER_TOKEN")
	remote.Token = "t"
	_, _, err = remote.build()
	require.NoError(t, err)

	noKeys := base
	noKeys.Keys = ""
	_, _, err = noKeys.build()
	require.ErrorContains(t, err, "PAYLOAD_CODEC_KEYS")

	wildcard := base
	wildcard.Origins = []string{"*"}
	_, _, err = wildcard.build()
	require.ErrorContains(t, err, "CODEC_SERVER_ALLOWED_ORIGINS")
}

// The log line of a request names method, path and status, never the body.
func TestRequestLogHoldsNoPayload(t *testing.T) {
	var buf strings.Builder
	c, _ := codec.New(codec.Key{ID: "k1", Secret: bytes.Repeat([]byte{9}, 32)})
	h := logRequests(slogTo(&buf), newHandler(c, handlerOptions{MaxBytes: 1 << 20}))
	plain, _ := converter.GetDefaultDataConverter().ToPayload("secret words")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/encode", bytes.NewReader(payloadsJSON(t, plain))))
	require.Equal(t, http.StatusOK, rec.Code)
	require.Contains(t, buf.String(), "Path=/encode")
	require.NotContains(t, buf.String(), "secret words")
	var out map[string]any
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
}

func slogTo(w io.Writer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }

// The UI cannot send a fixed bearer token, only cookies
// (TEMPORAL_CODEC_INCLUDE_CREDENTIALS): a person signs in at /login with the
// token, and the session cookie then decodes, from the UI's origin, with
// credentials allowed by CORS. A wrong token or a forged cookie does not.
func TestUISignsInWithACookie(t *testing.T) {
	srv, _ := testServer(t, handlerOptions{Token: "right", Origins: []string{uiOrigin}})
	form, err := http.Get(srv.URL + "/login")
	require.NoError(t, err)
	page, _ := io.ReadAll(form.Body)
	form.Body.Close()
	require.Equal(t, http.StatusOK, form.StatusCode)
	require.Contains(t, string(page), `name="token"`)

	login := func(token string) *http.Response {
		resp, err := http.PostForm(srv.URL+"/login", map[string][]string{"token": {token}})
		require.NoError(t, err)
		resp.Body.Close()
		return resp
	}
	bad := login("wrong")
	require.Equal(t, http.StatusUnauthorized, bad.StatusCode)
	require.Empty(t, bad.Cookies())

	ok := login("right")
	require.Equal(t, http.StatusOK, ok.StatusCode)
	require.Len(t, ok.Cookies(), 1)
	cookie := ok.Cookies()[0]
	require.Equal(t, sessionCookie, cookie.Name)
	require.True(t, cookie.HttpOnly)
	require.Equal(t, http.SameSiteStrictMode, cookie.SameSite)
	require.NotContains(t, cookie.Value, "right", "the cookie does not hold the token")

	fromUI := map[string]string{"Origin": uiOrigin, "Cookie": cookie.Name + "=" + cookie.Value}
	resp := post(t, srv.URL+"/decode", payloadsJSON(t), fromUI)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, "true", resp.Header.Get("Access-Control-Allow-Credentials"))

	forged := map[string]string{"Origin": uiOrigin, "Cookie": sessionCookie + "=" + sessionValue("guess")}
	require.Equal(t, http.StatusUnauthorized, post(t, srv.URL+"/decode", payloadsJSON(t), forged).StatusCode)
	// A wrong bearer token is refused even with a good cookie.
	both := map[string]string{"Authorization": "Bearer wrong", "Cookie": cookie.Name + "=" + cookie.Value}
	require.Equal(t, http.StatusUnauthorized, post(t, srv.URL+"/decode", payloadsJSON(t), both).StatusCode)
}

// /healthz answers without a token and tells nothing else; with no token
// configured there is no sign-in.
func TestHealthzAndNoLoginWithoutToken(t *testing.T) {
	srv, _ := testServer(t, handlerOptions{Token: "right"})
	resp, err := http.Get(srv.URL + "/healthz")
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Empty(t, body)

	open, _ := testServer(t, handlerOptions{})
	resp, err = http.Get(open.URL + "/login")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusNotFound, resp.StatusCode)
}

func TestHealthURL(t *testing.T) {
	for addr, want := range map[string]string{
		"0.0.0.0:8081":   "http://127.0.0.1:8081/healthz",
		":8081":          "http://127.0.0.1:8081/healthz",
		"[::]:8081":      "http://127.0.0.1:8081/healthz",
		"127.0.0.1:9000": "http://127.0.0.1:9000/healthz",
		"10.1.2.3:8081":  "http://10.1.2.3:8081/healthz",
	} {
		got, err := healthURL(Config{Address: addr})
		require.NoError(t, err)
		require.Equal(t, want, got, addr)
	}
	got, err := healthURL(Config{Address: "0.0.0.0:8443", TLSCert: "c"})
	require.NoError(t, err)
	require.Equal(t, "https://127.0.0.1:8443/healthz", got)
	_, err = healthURL(Config{Address: "nonsense"})
	require.ErrorContains(t, err, "CODEC_SERVER_ADDRESS")
}
