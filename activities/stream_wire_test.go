package activities_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// sseServer answers every request with the given events, verbatim.
func sseServer(t *testing.T, events ...string) *streamHarness {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		for _, e := range events {
			fmt.Fprint(w, e)
		}
	}))
	t.Cleanup(ts.Close)
	c := openai.NewClient(option.WithBaseURL(ts.URL+"/v1"), option.WithAPIKey("k"), option.WithMaxRetries(0))
	return newStreamHarnessOn(t, nil, c)
}

func runEvent(name, status string) string {
	return fmt.Sprintf("event: %s\ndata: {\"id\":\"run_1\",\"object\":\"thread.run\",\"thread_id\":\"thread_1\",\"status\":%q}\n\n", name, status)
}

const doneEvent = "event: done\ndata: [DONE]\n\n"

var streamIn = activities.StreamRunInput{Start: &activities.StartRunInput{
	ThreadID: "thread_1", AssistantID: "asst_1", Message: "hi", IdempotencyKey: "k"}}

func TestStreamRunWireEdges(t *testing.T) {
	completedMsg := "event: thread.message.completed\ndata: {\"id\":\"msg_1\",\"object\":\"thread.message\",\"role\":\"assistant\"," +
		"\"content\":[{\"type\":\"text\",\"text\":{\"value\":\"Hello\",\"annotations\":[]}}]}\n\n"
	delta := "event: thread.message.delta\ndata: {\"id\":\"msg_1\",\"object\":\"thread.message.delta\"," +
		"\"delta\":{\"content\":[{\"index\":0,\"type\":\"text\",\"text\":{\"value\":\"Hello\"}}]}}\n\n"
	tests := []struct {
		name     string
		events   []string
		wantErr  string // error type, "" = success
		wantText string
	}{
		{"error event is an error", []string{runEvent("thread.run.created", "queued"),
			"event: error\ndata: {\"code\":\"server_error\",\"message\":\"boom\"}\n\n"}, assistant.ErrorTypeStreamError, ""},
		{"unknown events are ignored", []string{runEvent("thread.run.created", "queued"),
			"event: thread.run.sparkled\ndata: {\"whatever\":1}\n\n", "event: ping\ndata: {}\n\n",
			delta, completedMsg, runEvent("thread.run.completed", "completed"), doneEvent}, "", "Hello"},
		{"done without a terminal event is an error", []string{runEvent("thread.run.created", "queued"),
			runEvent("thread.run.in_progress", "in_progress"), doneEvent}, assistant.ErrorTypeStreamBroken, ""},
		{"end of body without a terminal event is an error", []string{runEvent("thread.run.created", "queued")},
			assistant.ErrorTypeStreamBroken, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := sseServer(t, tc.events...)
			st, err := h.stream(streamIn)
			if tc.wantErr != "" {
				app := appError(t, err)
				require.Equal(t, tc.wantErr, app.Type())
				require.False(t, app.NonRetryable())
				return
			}
			require.NoError(t, err)
			require.Equal(t, assistant.StatusCompleted, st.Status)
			require.Equal(t, tc.wantText, st.Reply.Text)
			require.Equal(t, tc.wantText, h.sink.text())
		})
	}
}
