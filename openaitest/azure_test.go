package openaitest_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/openaitest"
)

// azureAnswer is one raw request's status and Azure error body.
type azureAnswer struct {
	status int
	code   string
	msg    string
}

// postThread creates a thread at base+path and reads Azure's error, if any.
func postThread(t *testing.T, base, path string, header map[string]string) azureAnswer {
	t.Helper()
	status, body := rawAnswer(t, http.MethodPost, base+path, `{}`, header)
	var e struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	_ = json.Unmarshal(body, &e)
	return azureAnswer{status: status, code: e.Error.Code, msg: e.Error.Message}
}

// TestAzureModesRefuseWrongForms: every form Azure refuses, the emulator
// refuses the same way; the right forms pass.
func TestAzureModesRefuseWrongForms(t *testing.T) {
	tokens := openaitest.NewTokens(time.Minute)
	aoai, _ := tokens.Issue(openaitest.AudienceAzureOpenAI + "/.default")
	foundry, _ := tokens.Issue(openaitest.AudienceFoundry)
	shortLived := openaitest.NewTokens(50 * time.Millisecond)
	expired, _ := shortLived.Issue(openaitest.AudienceFoundry)
	time.Sleep(60 * time.Millisecond)
	bearer := func(tok string) map[string]string { return map[string]string{"Authorization": "Bearer " + tok} }
	key := map[string]string{"api-key": "az-key"}

	tests := []struct {
		name   string
		mode   openaitest.AzureMode
		tokens *openaitest.Tokens
		path   string
		header map[string]string
		want   azureAnswer
	}{
		{"aoai key", openaitest.AzureOpenAI, tokens, "/openai/threads?api-version=2024-05-01-preview", key, azureAnswer{status: 200}},
		{"aoai token", openaitest.AzureOpenAI, tokens, "/openai/threads?api-version=2024-05-01-preview", bearer(aoai), azureAnswer{status: 200}},
		{"aoai openai path", openaitest.AzureOpenAI, tokens, "/v1/threads?api-version=2024-05-01-preview", key, azureAnswer{404, "404", "Resource not found"}},
		{"aoai no api-version", openaitest.AzureOpenAI, tokens, "/openai/threads", key, azureAnswer{404, "404", "Resource not found"}},
		{"aoai unknown api-version", openaitest.AzureOpenAI, tokens, "/openai/threads?api-version=2020-01-01", key, azureAnswer{400, "BadRequest", "API version not supported"}},
		{"aoai wrong key", openaitest.AzureOpenAI, tokens, "/openai/threads?api-version=2024-05-01-preview", map[string]string{"api-key": "nope"},
			azureAnswer{401, "401", "Access denied due to invalid subscription key"}},
		{"aoai openai bearer key", openaitest.AzureOpenAI, tokens, "/openai/threads?api-version=2024-05-01-preview", bearer("az-key"),
			azureAnswer{401, "401", "audience is incorrect (https://cognitiveservices.azure.com)"}},
		{"aoai foundry token", openaitest.AzureOpenAI, tokens, "/openai/threads?api-version=2024-05-01-preview", bearer(foundry),
			azureAnswer{401, "401", "audience is incorrect (https://cognitiveservices.azure.com)"}},
		{"aoai nothing", openaitest.AzureOpenAI, tokens, "/openai/threads?api-version=2024-05-01-preview", nil,
			azureAnswer{401, "401", "Access token is missing"}},
		{"foundry token", openaitest.AzureFoundry, tokens, "/api/projects/proj/threads?api-version=2025-05-01", bearer(foundry), azureAnswer{status: 200}},
		{"foundry openai path", openaitest.AzureFoundry, tokens, "/openai/threads?api-version=2025-05-01", bearer(foundry), azureAnswer{404, "404", "Resource not found"}},
		{"foundry other project", openaitest.AzureFoundry, tokens, "/api/projects/other/threads?api-version=2025-05-01", bearer(foundry), azureAnswer{404, "404", "Resource not found"}},
		{"foundry key", openaitest.AzureFoundry, tokens, "/api/projects/proj/threads?api-version=2025-05-01", key,
			azureAnswer{401, "401", "audience is incorrect (https://ai.azure.com)"}},
		{"foundry azure openai token", openaitest.AzureFoundry, tokens, "/api/projects/proj/threads?api-version=2025-05-01", bearer(aoai),
			azureAnswer{401, "401", "audience is incorrect (https://ai.azure.com)"}},
		{"foundry expired token", openaitest.AzureFoundry, shortLived, "/api/projects/proj/threads?api-version=2025-05-01", bearer(expired),
			azureAnswer{401, "401", "or have expired"}},
		{"foundry no api-version", openaitest.AzureFoundry, tokens, "/api/projects/proj/threads", bearer(foundry),
			azureAnswer{400, "MissingApiVersionParameter", "api-version"}},
		{"foundry azure openai api-version", openaitest.AzureFoundry, tokens, "/api/projects/proj/threads?api-version=2024-05-01-preview", bearer(foundry),
			azureAnswer{400, "BadRequest", "API version not supported"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, base := openaitest.NewTestServer(t, openaitest.Options{Azure: &openaitest.AzureOptions{
				Mode: tc.mode, APIKey: "az-key", Tokens: tc.tokens}})
			u, err := url.Parse(base)
			require.NoError(t, err)
			root := u.Scheme + "://" + u.Host

			got := postThread(t, root, tc.path, tc.header)

			require.Equal(t, tc.want.status, got.status, got.msg)
			require.Equal(t, tc.want.code, got.code)
			require.Contains(t, got.msg, tc.want.msg)
		})
	}
}

func TestAzureManagedIdentityTokensAreAccepted(t *testing.T) {
	tokens := openaitest.NewTokens(time.Minute)
	_, base := openaitest.NewTestServer(t, openaitest.Options{Azure: &openaitest.AzureOptions{Mode: openaitest.AzureFoundry, Tokens: tokens}})
	rec := httptest.NewRecorder()
	req, _ := http.NewRequest(http.MethodGet, "/?api-version=2019-08-01&resource="+url.QueryEscape(openaitest.AudienceFoundry), nil)
	req.Header.Set("X-IDENTITY-HEADER", "secret")
	tokens.ManagedIdentityHandler("secret").ServeHTTP(rec, req)
	require.Equal(t, 200, rec.Code)
	var tok struct {
		AccessToken string `json:"access_token"`
		ExpiresOn   string `json:"expires_on"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &tok))
	require.NotEmpty(t, tok.ExpiresOn)

	u, _ := url.Parse(base)
	got := postThread(t, u.Scheme+"://"+u.Host, u.Path+"/threads?api-version=2025-05-01", map[string]string{"Authorization": "Bearer " + tok.AccessToken})
	require.Equal(t, 200, got.status, got.msg)
	require.Equal(t, openaitest.TokenStats{Issued: 1, Accepted: 1}, tokens.Stats())

	req.Header.Set("X-IDENTITY-HEADER", "wrong")
	rec = httptest.NewRecorder()
	tokens.ManagedIdentityHandler("secret").ServeHTTP(rec, req)
	require.Equal(t, 400, rec.Code)
}

// rawAnswer is the status and body of one request with a JSON body.
func rawAnswer(t *testing.T, method, url, reqBody string, header map[string]string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(reqBody))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res.StatusCode, body
}

// requireAgentV1Error checks body against the agents API's error payload
// (AgentV1Error in the Azure SDKs' agents model): {"error": {...}} and
// nothing else, the detail holding only message, type, param and code,
// each a string or null, with a message and a machine-readable code or type.
func requireAgentV1Error(t *testing.T, name string, body []byte) {
	t.Helper()
	var top map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(body, &top), "%s: %s", name, body)
	require.Len(t, top, 1, "%s: %s", name, body)
	var detail map[string]any
	require.NoError(t, json.Unmarshal(top["error"], &detail), "%s: %s", name, body)
	for k, v := range detail {
		require.Contains(t, []string{"message", "type", "param", "code"}, k, "%s: field %q", name, k)
		if v != nil {
			require.IsType(t, "", v, "%s: %s is not a string", name, k)
		}
	}
	require.NotEmpty(t, detail["message"], name)
	code, _ := detail["code"].(string)
	typ, _ := detail["type"].(string)
	require.True(t, code != "" || typ != "", "%s: neither code nor type: %s", name, body)
}

// TestFoundryErrorBodiesAreAgentV1Errors: every error the emulator answers
// in Foundry mode, from its front door (credentials, api-version, path, a
// caller without a role) and from the API behind it (an unknown thread),
// has the agents API's error shape, so the worker's reading of them
// (openai-go's error: code, type, message) is tested against that shape.
func TestFoundryErrorBodiesAreAgentV1Errors(t *testing.T) {
	tokens := openaitest.NewTokens(time.Minute)
	foundry, _ := tokens.Issue(openaitest.AudienceFoundry)
	aoai, _ := tokens.Issue(openaitest.AudienceAzureOpenAI)
	bearer := map[string]string{"Authorization": "Bearer " + foundry}
	_, base := openaitest.NewTestServer(t, openaitest.Options{Azure: &openaitest.AzureOptions{Mode: openaitest.AzureFoundry, Tokens: tokens}})
	_, denied := openaitest.NewTestServer(t, openaitest.Options{Azure: &openaitest.AzureOptions{
		Mode: openaitest.AzureFoundry, Tokens: tokens, MissingRole: true}})
	u, _ := url.Parse(base)
	root := u.Scheme + "://" + u.Host

	for name, tc := range map[string]struct {
		method, url string
		header      map[string]string
		status      int
	}{
		"no credential":      {"POST", base + "/threads?api-version=2025-05-01", nil, 401},
		"wrong audience":     {"POST", base + "/threads?api-version=2025-05-01", map[string]string{"Authorization": "Bearer " + aoai}, 401},
		"no api-version":     {"POST", base + "/threads", bearer, 400},
		"unknown version":    {"POST", base + "/threads?api-version=2024-05-01-preview", bearer, 400},
		"not a project path": {"POST", root + "/openai/threads?api-version=2025-05-01", bearer, 404},
		"unknown thread":     {"GET", base + "/threads/thread_nope?api-version=2025-05-01", bearer, 404},
		"missing role":       {"POST", denied + "/threads?api-version=2025-05-01", bearer, 401},
	} {
		status, body := rawAnswer(t, tc.method, tc.url, `{}`, tc.header)
		require.Equal(t, tc.status, status, "%s: %s", name, body)
		requireAgentV1Error(t, name, body)
	}

	status, body := rawAnswer(t, "GET", denied+"/threads/thread_1/runs?api-version=2025-05-01", `{}`, bearer)
	require.Equal(t, http.StatusUnauthorized, status)
	require.Contains(t, string(body), `"code":"PermissionDenied"`)
	require.Contains(t, string(body), "lacks the required data action `Microsoft.CognitiveServices/accounts/AIServices/agents/read`")
	require.Contains(t, string(body), "GET /api/projects/{projectName}/threads/thread_1/runs")
}

// The Responses API in Azure mode: Azure OpenAI serves it under /openai
// at an api-version that knows it, and answers 404 at an older one, as
// Azure does; Foundry classic agents do not serve it.
func TestAzureResponsesRoutes(t *testing.T) {
	tokens := openaitest.NewTokens(time.Minute)
	foundry, _ := tokens.Issue(openaitest.AudienceFoundry)
	key := map[string]string{"api-key": "az-key"}
	_, aoai := openaitest.NewTestServer(t, openaitest.Options{Azure: &openaitest.AzureOptions{Mode: openaitest.AzureOpenAI, APIKey: "az-key"}})
	_, fdry := openaitest.NewTestServer(t, openaitest.Options{Azure: &openaitest.AzureOptions{Mode: openaitest.AzureFoundry, Tokens: tokens}})
	body := `{"model":"gpt-4o","input":"hi"}`
	post := func(url string, h map[string]string) int {
		status, _ := rawAnswer(t, http.MethodPost, url, body, h)
		return status
	}
	require.Equal(t, 200, post(aoai+"/openai/responses?api-version=2025-04-01-preview", key))
	require.Equal(t, 200, post(aoai+"/openai/conversations?api-version=2025-04-01-preview", key))
	require.Equal(t, 404, post(aoai+"/openai/responses?api-version=2024-05-01-preview", key), "too old for the Responses API")
	require.Equal(t, 401, post(aoai+"/openai/responses?api-version=2025-04-01-preview", nil))
	require.Equal(t, 404, post(fdry+"/responses?api-version=2025-05-01", map[string]string{"Authorization": "Bearer " + foundry}))
}
