package activities_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

const threadsRoute = "/v1/threads"

func TestErrorClassification(t *testing.T) {
	const wrongKey = "sk-wrong-secret-0123456789"
	createThread := func(h *harness) error {
		return h.exec(nil, h.acts.CreateThread, activities.CreateThreadInput{})
	}
	tests := []struct {
		name       string
		cfg        harnessConfig
		fault      *openaitest.Fault
		call       func(h *harness) error
		wantType   string
		retryable  bool
		wantDelay  time.Duration // checked when retryable
		contains   []string
		notContain []string
	}{
		{
			name: "404 unknown thread",
			call: func(h *harness) error {
				return h.exec(nil, h.acts.StartRun, activities.StartRunInput{
					ThreadID: "thread_missing42", AssistantID: h.assistant(), Message: "hi", IdempotencyKey: "k"})
			},
			wantType: assistant.ErrorTypeNotFound,
			contains: []string{"create run", "404", "thread_missing42"},
		},
		{
			name: "404 unknown run",
			call: func(h *harness) error {
				return h.exec(nil, h.acts.AwaitRun, activities.AwaitRunInput{ThreadID: h.thread(), APIRunID: "run_missing42"})
			},
			wantType: assistant.ErrorTypeNotFound,
			contains: []string{"get run", "run_missing42"},
		},
		{
			name:       "401 wrong key",
			cfg:        harnessConfig{Server: openaitest.Options{APIKey: "sk-right"}, ClientKey: wrongKey},
			call:       createThread,
			wantType:   assistant.ErrorTypeUnauthorized,
			contains:   []string{"create thread", "401", "invalid_api_key"},
			notContain: []string{wrongKey, "sk-right"},
		},
		{
			name:      "429 with retry-after",
			fault:     &openaitest.Fault{Method: "POST", Route: threadsRoute, Status: 429, RetryAfter: 3 * time.Second},
			call:      createThread,
			wantType:  assistant.ErrorTypeRateLimited,
			retryable: true,
			wantDelay: 3 * time.Second,
			contains:  []string{"429"},
		},
		{
			name:      "500",
			fault:     &openaitest.Fault{Method: "POST", Route: threadsRoute, Status: 500},
			call:      createThread,
			wantType:  assistant.ErrorTypeRetryable,
			retryable: true,
			contains:  []string{"500"},
		},
		{
			name:  "503 on poll",
			fault: &openaitest.Fault{Method: "GET", Route: "/v1/threads/{thread_id}/runs/{run_id}", Status: 503},
			call: func(h *harness) error {
				st := h.start(h.startInput("hi", "k"))
				return h.exec(nil, h.acts.AwaitRun, activities.AwaitRunInput{ThreadID: st.ThreadID, APIRunID: st.APIRunID})
			},
			wantType:  assistant.ErrorTypeRetryable,
			retryable: true,
		},
		{
			name:      "dropped connection",
			fault:     &openaitest.Fault{Method: "POST", Route: threadsRoute, Drop: true},
			call:      createThread,
			wantType:  assistant.ErrorTypeConnection,
			retryable: true,
			contains:  []string{"create thread"},
		},
		{
			name: "400 bad metadata",
			call: func(h *harness) error {
				in := h.startInput("hi", "k")
				in.Metadata = map[string]string{"note": strings.Repeat("x", 600)}
				return h.exec(nil, h.acts.StartRun, in)
			},
			wantType:   assistant.ErrorTypeBadRequest,
			contains:   []string{"create run", "400", "512"},
			notContain: []string{strings.Repeat("x", 20)},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, tc.cfg)
			if tc.fault != nil {
				h.srv.InjectFault(*tc.fault)
			}

			err := tc.call(h)

			app := appError(t, err)
			require.Equal(t, tc.wantType, app.Type(), app.Error())
			require.Equal(t, !tc.retryable, app.NonRetryable(), app.Error())
			if tc.retryable {
				require.Equal(t, tc.wantDelay, app.NextRetryDelay())
			}
			for _, s := range tc.contains {
				require.Contains(t, app.Error(), s)
			}
			for _, s := range tc.notContain {
				require.NotContains(t, app.Error(), s)
			}
		})
	}
}
