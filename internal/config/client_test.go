package config

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/responses"
	"github.com/stretchr/testify/require"
)

// recordedRequest is what the fake API saw.
type recordedRequest struct {
	path   string
	query  url.Values
	header http.Header
}

// fakeAPI answers every request with an empty thread and records them.
func fakeAPI(t *testing.T) (url string, seen func() []recordedRequest) {
	t.Helper()
	var mu sync.Mutex
	var got []recordedRequest
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, recordedRequest{path: r.URL.Path, query: r.URL.Query(), header: r.Header.Clone()})
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"id":"thread_1","object":"thread","created_at":1,"metadata":{}}`))
	}))
	t.Cleanup(srv.Close)
	return srv.URL, func() []recordedRequest {
		mu.Lock()
		defer mu.Unlock()
		return append([]recordedRequest(nil), got...)
	}
}

// newThread makes one request through m's client and returns what the API saw.
func newThread(t *testing.T, m Model, seen func() []recordedRequest) recordedRequest {
	t.Helper()
	require.NoError(t, m.Validate())
	c, err := m.NewClient(context.Background())
	require.NoError(t, err)
	th, err := c.Beta.Threads.New(context.Background(), openai.BetaThreadNewParams{})
	require.NoError(t, err)
	require.Equal(t, "thread_1", th.ID)
	all := seen()
	require.NotEmpty(t, all)
	return all[len(all)-1]
}

func TestNewClientAzureKey(t *testing.T) {
	for _, suffix := range []string{"", "/"} {
		t.Run("endpoint suffix "+suffix, func(t *testing.T) {
			// An OpenAI key in the environment must not reach Azure.
			cleanEnv(t, map[string]string{"OPENAI_API_KEY": "sk-env-secret"})
			base, seen := fakeAPI(t)
			m := Model{AzureEndpoint: base + suffix, AzureAPIKey: "az-key", AzureAPIVersion: "2024-05-01-preview",
				Protocol: ProtocolAssistants, RequestTimeout: 5 * time.Second}

			req := newThread(t, m, seen)

			require.Equal(t, "/openai/threads", req.path)
			require.Equal(t, "2024-05-01-preview", req.query.Get("api-version"))
			require.Equal(t, "az-key", req.header.Get("api-key"))
			require.Empty(t, req.header.Get("Authorization"))
			require.Equal(t, "assistants=v2", req.header.Get("OpenAI-Beta"))
		})
	}
}

func TestNewClientAzureEntraID(t *testing.T) {
	cleanEnv(t, map[string]string{"OPENAI_API_KEY": "sk-env-secret"})
	base, seen := fakeAPI(t)
	cred := &fakeCredential{ttl: time.Hour}
	m := Model{AzureEndpoint: base, AzureAPIVersion: "2024-05-01-preview", Credential: cred,
		RequestTimeout: 5 * time.Second}

	req := newThread(t, m, seen)

	require.Equal(t, "/openai/threads", req.path)
	require.Equal(t, "2024-05-01-preview", req.query.Get("api-version"))
	require.Equal(t, "Bearer entra-token-1", req.header.Get("Authorization"))
	require.Empty(t, req.header.Get("api-key"))
	_, scopes := cred.state()
	require.Equal(t, []string{ScopeAzureOpenAI}, scopes)
}

func TestNewClientFoundry(t *testing.T) {
	// Neither an OpenAI key nor organization from the environment reaches Foundry.
	cleanEnv(t, map[string]string{"OPENAI_API_KEY": "sk-env-secret", "OPENAI_CUSTOM_HEADERS": ""})
	base, seen := fakeAPI(t)
	cred := &fakeCredential{ttl: time.Hour}
	m := Model{FoundryEndpoint: base + "/api/projects/proj1", FoundryAPIVersion: "2025-05-01", Credential: cred,
		RequestTimeout: 5 * time.Second}

	req := newThread(t, m, seen)

	require.Equal(t, "/api/projects/proj1/threads", req.path)
	require.Equal(t, "2025-05-01", req.query.Get("api-version"))
	require.Equal(t, "Bearer entra-token-1", req.header.Get("Authorization"))
	require.Empty(t, req.header.Get("api-key"))
	require.Empty(t, req.header.Get("OpenAI-Organization"))
	_, scopes := cred.state()
	require.Equal(t, []string{ScopeFoundry}, scopes)
}

func TestNewClientOpenAI(t *testing.T) {
	cleanEnv(t, nil)
	base, seen := fakeAPI(t)
	m := Model{APIKey: "sk-test", BaseURL: base + "/v1/", OrgID: "org-1", ProjectID: "proj-1",
		Protocol: ProtocolAssistants, RequestTimeout: 5 * time.Second}

	req := newThread(t, m, seen)

	require.Equal(t, "/v1/threads", req.path)
	require.Equal(t, "Bearer sk-test", req.header.Get("Authorization"))
	require.Equal(t, "org-1", req.header.Get("OpenAI-Organization"))
	require.Equal(t, "proj-1", req.header.Get("OpenAI-Project"))
	require.Empty(t, req.header.Get("api-key"))
	require.Empty(t, req.query.Get("api-version"))
}

// TestNewClientSendsCredentialsOnlyToTheEndpoint: a request sent elsewhere
// (here a per-request base URL) is refused before anything leaves, so no
// key or token reaches another host.
func TestNewClientSendsCredentialsOnlyToTheEndpoint(t *testing.T) {
	cred := &fakeCredential{ttl: time.Hour}
	tests := []struct {
		name string
		m    func(base string) Model
	}{
		{"openai", func(base string) Model { return Model{APIKey: "sk-test", BaseURL: base + "/v1/"} }},
		{"azure key", func(base string) Model {
			return Model{AzureEndpoint: base, AzureAPIKey: "az-key", AzureAPIVersion: "2024-05-01-preview"}
		}},
		{"azure entra", func(base string) Model {
			return Model{AzureEndpoint: base, AzureAPIVersion: "2024-05-01-preview", Credential: cred}
		}},
		{"foundry", func(base string) Model {
			return Model{FoundryEndpoint: base + "/api/projects/p", FoundryAPIVersion: "2025-05-01", Credential: cred}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cleanEnv(t, nil)
			base, _ := fakeAPI(t)
			other, otherSeen := fakeAPI(t)
			m := tc.m(base)
			m.RequestTimeout = 5 * time.Second
			require.NoError(t, m.Validate())
			c, err := m.NewClient(context.Background())
			require.NoError(t, err)

			_, err = c.Beta.Threads.New(context.Background(), openai.BetaThreadNewParams{}, option.WithBaseURL(other+"/openai/"))

			require.ErrorContains(t, err, "not the configured endpoint")
			require.Empty(t, otherSeen(), "the other host got a request")
		})
	}
}

func TestNewClientEntraSignInFailsAtStart(t *testing.T) {
	cleanEnv(t, nil)
	cred := &fakeCredential{ttl: time.Hour}
	cred.setFail(true)
	m := Model{AzureEndpoint: "https://x.openai.azure.com", AzureAPIVersion: "v", Credential: cred, RequestTimeout: time.Second}

	_, err := m.NewClient(context.Background())

	require.ErrorContains(t, err, "sign-in with Microsoft Entra ID")
	require.ErrorContains(t, err, "AZURE_OPENAI_API_KEY")
	require.ErrorContains(t, err, "no identity here")
}

func TestNewClientDoesNotRetry(t *testing.T) {
	cleanEnv(t, nil)
	var mu sync.Mutex
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		n++
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(`{"error":{"message":"busy","type":"server_error"}}`))
	}))
	t.Cleanup(srv.Close)
	m := Model{APIKey: "sk-test", BaseURL: srv.URL + "/v1/", Protocol: ProtocolAssistants, RequestTimeout: 5 * time.Second}

	c, err := m.NewClient(context.Background())
	require.NoError(t, err)
	_, err = c.Beta.Threads.New(context.Background(), openai.BetaThreadNewParams{})

	require.Error(t, err)
	mu.Lock()
	defer mu.Unlock()
	require.Equal(t, 1, n, "Temporal owns retries")
}

// OPENAI_CUSTOM_HEADERS, which openai-go puts on every client it builds, is
// for OpenAI-compatible servers: Validate refuses it with either Azure
// provider, naming it, and a Foundry client built anyway does not send its
// headers (openai-go's azure package drops them for Azure OpenAI). Before,
// they reached Foundry.
func TestCustomHeadersNeverReachAzure(t *testing.T) {
	const headers = "X-Gateway-Key: gw-secret\nX-Other: o"
	for _, provider := range []string{ProviderAzureOpenAI, ProviderFoundry} {
		t.Run(provider, func(t *testing.T) {
			cleanEnv(t, map[string]string{"OPENAI_CUSTOM_HEADERS": headers})
			base, seen := fakeAPI(t)
			cred := &fakeCredential{ttl: time.Hour}
			m := Model{AzureEndpoint: base, AzureAPIVersion: "v1", Credential: cred, RequestTimeout: 5 * time.Second}
			if provider == ProviderFoundry {
				m = Model{FoundryEndpoint: base + "/api/projects/p", FoundryAPIVersion: "v1", Credential: cred, RequestTimeout: 5 * time.Second}
			}
			refused := m
			refused.CustomHeaders = headers
			require.ErrorContains(t, refused.Validate(), "unset OPENAI_CUSTOM_HEADERS")

			req := newThread(t, m, seen)
			require.Empty(t, req.header.Get("X-Gateway-Key"))
			require.Empty(t, req.header.Get("X-Other"))
			require.Equal(t, "Bearer entra-token-1", req.header.Get("Authorization"))
		})
	}
	t.Run(ProviderOpenAI, func(t *testing.T) { // where they belong, they go
		cleanEnv(t, map[string]string{"OPENAI_CUSTOM_HEADERS": headers})
		base, seen := fakeAPI(t)
		m := Model{APIKey: "sk-test", BaseURL: base + "/v1/", CustomHeaders: headers, Protocol: ProtocolAssistants,
			RequestTimeout: 5 * time.Second}
		req := newThread(t, m, seen)
		require.Equal(t, "gw-secret", req.header.Get("X-Gateway-Key"))
	})
}

// The responses protocol on Azure OpenAI goes to <endpoint>/openai/responses
// with an api-version that serves it: by default one that does, and one set
// too old for it is refused at start, naming both variables.
func TestAzureResponsesAPIVersion(t *testing.T) {
	cleanEnv(t, nil)
	base, seen := fakeAPI(t)
	m := Model{AzureEndpoint: base, AzureAPIKey: "az-key", Protocol: ProtocolResponses,
		Profiles: Profiles{JSON: `{"p":{"model":"gpt-4o"}}`, DefaultModel: "gpt-4o-mini"}, RequestTimeout: 5 * time.Second}
	require.NoError(t, m.Validate())
	require.Equal(t, AzureResponsesAPIVersion, m.AzureAPIVersionOrDefault())
	c, err := m.NewClient(context.Background())
	require.NoError(t, err)
	_, _ = c.Responses.New(context.Background(), responses.ResponseNewParams{Model: "gpt-4o"})
	req := seen()[0]
	require.Equal(t, "/openai/responses", req.path)
	require.Equal(t, AzureResponsesAPIVersion, req.query.Get("api-version"))
	require.Equal(t, "az-key", req.header.Get("api-key"))

	old := m
	old.AzureAPIVersion = AzureAssistantsAPIVersion
	err = old.Validate()
	require.ErrorContains(t, err, "OPENAI_PROTOCOL=responses")
	require.ErrorContains(t, err, "AZURE_OPENAI_API_VERSION=2025-04-01-preview or later")

	assistants := Model{AzureEndpoint: base, AzureAPIKey: "az-key", RequestTimeout: time.Second}
	require.Equal(t, AzureAssistantsAPIVersion, assistants.AzureAPIVersionOrDefault())
}
