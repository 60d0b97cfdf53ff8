package conformance_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/conformance"
)

// collector is a conformance.TB that keeps the failures instead of failing.
type collector struct {
	*testing.T
	errs []string
}

func (c *collector) Error(args ...any) {
	for _, a := range args {
		c.errs = append(c.errs, a.(string))
	}
}

// TestCheckerCatchesViolations proves the layer can fail: each bad exchange
// yields a violation naming method, spec path and what is wrong.
func TestCheckerCatchesViolations(t *testing.T) {
	cases := []struct {
		name, method, path, body string
		status                   int
		ctype, reply             string
		want                     []string
	}{
		{"response misses required fields", "GET", "/v1/threads/thread_1", "", 200, "application/json",
			`{"id":"thread_1","object":"thread"}`, []string{"GET /threads/{thread_id} response 200", "created_at"}},
		{"bad enum in response", "GET", "/v1/threads/t/runs/r", "", 200, "application/json",
			`{"id":"r","object":"thread.run","status":"thinking"}`, []string{"GET /threads/{thread_id}/runs/{run_id} response 200", "status"}},
		{"request body of wrong type", "POST", "/v1/threads/t/runs", `{"assistant_id":7}`, 200, "application/json",
			`{}`, []string{"POST /threads/{thread_id}/runs request", "assistant_id"}},
		{"request with unknown field", "POST", "/v1/threads/t/runs", `{"assistant_id":"a","bogus":1}`, 200, "application/json",
			`{}`, []string{"POST /threads/{thread_id}/runs request", "bogus"}},
		{"unknown path", "GET", "/v1/threads/t/runs/r/nope", "", 404, "application/json",
			`{}`, []string{"GET /v1/threads/t/runs/r/nope request"}},
		{"bad error body", "GET", "/v1/threads/t", "", 404, "application/json",
			`{"message":"x"}`, []string{"GET /threads/{thread_id} response 404 (ErrorResponse)", "error"}},
		{"bad assistants stream event", "POST", "/v1/threads/t/runs", `{"assistant_id":"a","stream":true}`, 200, "text/event-stream",
			"event: thread.run.created\ndata: {\"id\":\"r\"}\n\nevent: thread.bogus\ndata: {}\n\n", []string{"stream: event 0 \"thread.run.created\"", "event 1 \"thread.bogus\": event name not in AssistantStreamEvent"}},
		{"bad responses stream event", "POST", "/v1/responses", `{"model":"gpt-4o","stream":true}`, 200, "text/event-stream",
			"event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\"}\n\n", []string{"POST /responses stream: event 0", "delta"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			col := &collector{T: t}
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tc.ctype)
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.reply))
			})
			_, url := conformance.NewServer(col, h)
			req, err := http.NewRequest(tc.method, strings.TrimSuffix(url, "/v1")+tc.path, strings.NewReader(tc.body))
			require.NoError(t, err)
			req.Header.Set("Authorization", "Bearer k")
			if tc.body != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			res, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			res.Body.Close()
			all := strings.Join(col.errs, "\n")
			for _, w := range tc.want {
				require.Contains(t, all, w)
			}
		})
	}
}
