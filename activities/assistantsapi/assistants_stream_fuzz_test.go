package assistantsapi

import (
	"testing"

	"github.com/durable-assistants/durable-assistants/activities/internal/ssefuzz"
)

// FuzzAssistantStream is ssefuzz.Fuzz on the assistants protocol's stream.
func FuzzAssistantStream(f *testing.F) {
	ssefuzz.Fuzz(f, consumeAssistantStream)
}
