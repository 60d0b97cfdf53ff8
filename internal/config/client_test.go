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
	"github.com/stretchr/testify/require"
)

// recordedRequest is what the fake API saw.
type recordedRequest struct {
	path   string
	query  url.Values
	header http.Header
}

// fakeAPI answers every request with an empty thread and records the last one.
func fakeAPI(t *testing.T) (url string, last func() recordedRequest) {
	t.Helper()
	var mu sync.Mutex
	var got recordedRequest
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = recordedRequest{path: r.URL.Path, query: r.URL.Query(), header: r.Header.Clone()}
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"id":"thread_1","object":"thread","created_at":1,"metadata":{}}`))
	}))
	t.Cleanup(srv.Close)
	return srv.URL, func() recordedRequest {
		mu.Lock()
		defer mu.Unlock()
		return got
	}
}

func TestNewClientAzure(t *testing.T) {
	for _, suffix := range []string{"", "/"} {
		t.Run("endpoint suffix "+suffix, func(t *testing.T) {
			// An OpenAI key in the environment must not reach Azure.
			cleanEnv(t, map[string]string{"OPENAI_API_KEY": "sk-env-secret"})
			base, last := fakeAPI(t)
			m := Model{AzureEndpoint: base + suffix, AzureAPIKey: "az-key", AzureAPIVersion: "2024-05-01-preview",
				Protocol: ProtocolAssistants, RequestTimeout: 5 * time.Second}
			require.NoError(t, m.Validate())

			c := m.NewClient()
			th, err := c.Beta.Threads.New(context.Background(), openai.BetaThreadNewParams{})

			require.NoError(t, err)
			require.Equal(t, "thread_1", th.ID)
			req := last()
			require.Equal(t, "/openai/threads", req.path)
			require.Equal(t, "2024-05-01-preview", req.query.Get("api-version"))
			require.Equal(t, "az-key", req.header.Get("api-key"))
			require.Empty(t, req.header.Get("Authorization"))
			require.Equal(t, "assistants=v2", req.header.Get("OpenAI-Beta"))
		})
	}
}

func TestNewClientOpenAI(t *testing.T) {
	cleanEnv(t, nil)
	base, last := fakeAPI(t)
	m := Model{APIKey: "sk-test", BaseURL: base + "/v1/", OrgID: "org-1", ProjectID: "proj-1",
		Protocol: ProtocolAssistants, RequestTimeout: 5 * time.Second}
	require.NoError(t, m.Validate())

	c := m.NewClient()
	_, err := c.Beta.Threads.New(context.Background(), openai.BetaThreadNewParams{})

	require.NoError(t, err)
	req := last()
	require.Equal(t, "/v1/threads", req.path)
	require.Equal(t, "Bearer sk-test", req.header.Get("Authorization"))
	require.Equal(t, "org-1", req.header.Get("OpenAI-Organization"))
	require.Equal(t, "proj-1", req.header.Get("OpenAI-Project"))
	require.Empty(t, req.header.Get("api-key"))
	require.Empty(t, req.query.Get("api-version"))
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

	c := m.NewClient()
	_, err := c.Beta.Threads.New(context.Background(), openai.BetaThreadNewParams{})

	require.Error(t, err)
	mu.Lock()
	defer mu.Unlock()
	require.Equal(t, 1, n, "Temporal owns retries")
}
