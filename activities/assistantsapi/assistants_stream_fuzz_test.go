package assistantsapi

import (
	"testing"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/packages/ssestream"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/activities/internal/ssefuzz"
)

// FuzzAssistantStream feeds arbitrary SSE bytes through the SDK's decoder
// and the engine's event translation (assistants protocol): whatever the
// wire holds, it returns an error or events, never a panic, and a delta is
// text that came from the stream.
func FuzzAssistantStream(f *testing.F) {
	for _, s := range ssefuzz.Seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		stream := ssestream.NewStream[openai.AssistantStreamEventUnion](ssestream.NewDecoder(ssefuzz.Response(body)), nil)
		_ = consumeAssistantStream(stream, func(ev activities.StreamEvent) error {
			ssefuzz.CheckEvent(t, ev, body)
			return nil
		})
	})
}
