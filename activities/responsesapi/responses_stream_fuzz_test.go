package responsesapi

import (
	"testing"

	"github.com/openai/openai-go/v3/packages/ssestream"
	"github.com/openai/openai-go/v3/responses"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/activities/internal/ssefuzz"
)

// FuzzResponseStream feeds arbitrary SSE bytes through the SDK's decoder and the
// engine's event translation (responses protocol): whatever the wire holds,
// it returns an error or events, never a panic, and a delta is text that
// came from the stream.
func FuzzResponseStream(f *testing.F) {
	for _, s := range ssefuzz.Seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		stream := ssestream.NewStream[responses.ResponseStreamEventUnion](ssestream.NewDecoder(ssefuzz.Response(body)), nil)
		_ = consumeResponseStream(stream, func(ev activities.StreamEvent) error {
			ssefuzz.CheckEvent(t, ev, body)
			return nil
		})
	})
}
