// Package ssefuzz is the stream fuzz test both protocol backends run (Fuzz):
// SSE seeds of both protocols, the HTTP answer the SDK decodes them from,
// and the check every translated event must pass.
package ssefuzz

import (
	"bytes"
	"io"
	"net/http"
	"testing"
	"unicode/utf8"

	"github.com/openai/openai-go/v3/packages/ssestream"

	"github.com/durable-assistants/durable-assistants/activities"
)

// Fuzz feeds arbitrary SSE bytes through the SDK's decoder and consume, a
// backend's event translation over its protocol's event union E: whatever
// the wire holds, it returns an error or events, never a panic, and a delta
// is text that came from the stream.
func Fuzz[E any](f *testing.F, consume func(*ssestream.Stream[E], func(activities.StreamEvent) error) error) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		stream := ssestream.NewStream[E](ssestream.NewDecoder(response(body)), nil)
		_ = consume(stream, func(ev activities.StreamEvent) error {
			checkEvent(t, ev, body)
			return nil
		})
	})
}

// response wraps body as the text/event-stream answer the SDK decodes.
func response(body []byte) *http.Response {
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": []string{"text/event-stream"}},
		Body: io.NopCloser(bytes.NewReader(body))}
}

// seeds are events of both protocols, well and badly formed.
var seeds = []string{
	"event: thread.run.created\ndata: {\"id\":\"run_1\",\"object\":\"thread.run\",\"status\":\"queued\",\"thread_id\":\"t\"}\n\n",
	"event: thread.message.delta\ndata: {\"id\":\"m\",\"delta\":{\"content\":[{\"index\":0,\"type\":\"text\",\"text\":{\"value\":\"hi\"}}]}}\n\n",
	"event: thread.run.completed\ndata: {\"id\":\"run_1\",\"status\":\"completed\"}\n\ndata: [DONE]\n\n",
	"event: error\ndata: {\"code\":\"server_error\",\"message\":\"boom\"}\n\n",
	"event: thread.message.completed\ndata: {\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":{\"value\":\"x\",\"annotations\":[]}}]}\n\n",
	"data: {\"type\":\"response.output_text.delta\",\"sequence_number\":3,\"delta\":\"hé\"}\n\n",
	"data: {\"type\":\"response.completed\",\"sequence_number\":9,\"response\":{\"id\":\"resp_1\",\"status\":\"completed\",\"output\":[]}}\n\n",
	"data: {\"type\":\"error\",\"code\":\"rate_limit\",\"message\":\"slow\"}\n\n",
	"event: thread.run.created\ndata: {not json\n\n",
	"data: \n\n:comment\n\nretry: 10\n\n",
	"event: thread.run.requires_action\ndata: {\"id\":\"run_1\",\"status\":\"requires_action\",\"required_action\":{\"type\":\"submit_tool_outputs\",\"submit_tool_outputs\":{\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"x\",\"arguments\":\"{}\"}}]}}}\n\n",
}

// checkEvent fails t when the backend delivered an empty event or a delta
// that is not in the stream.
func checkEvent(t *testing.T, ev activities.StreamEvent, body []byte) {
	t.Helper()
	if ev.Type == "" && ev.Run == nil && ev.Delta == "" && ev.Message == nil && ev.Err == nil && ev.Seq == nil {
		t.Fatalf("an empty event was delivered")
	}
	if ev.Delta != "" && utf8.ValidString(string(body)) && !bytes.Contains(body, []byte(`\u`)) && !bytes.Contains(body, []byte(`\`)) {
		if !bytes.Contains(body, []byte(ev.Delta)) {
			t.Fatalf("delta %q is not in the stream", ev.Delta)
		}
	}
}
