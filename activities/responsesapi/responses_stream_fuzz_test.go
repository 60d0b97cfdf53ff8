package responsesapi

import (
	"testing"

	"github.com/durable-assistants/durable-assistants/activities/internal/ssefuzz"
)

// FuzzResponseStream is ssefuzz.Fuzz on the responses protocol's stream.
func FuzzResponseStream(f *testing.F) {
	ssefuzz.Fuzz(f, consumeResponseStream)
}
