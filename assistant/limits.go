package assistant

import "encoding/json"

// Limits on what a caller sends. Sizes are counted on the JSON encoding the
// default data converter sends (without a string's quotes), not on the raw
// text: '<', '>', '&', U+2028, U+2029 and control characters take 6 bytes
// each there, so a raw limit would let a text grow up to 6x on the wire.
const (
	MaxMessageBytes      = 256 << 10 // a run's or a conversation's message
	MaxInstructionsBytes = 128 << 10 // a run's or a conversation's instructions
	MaxIDBytes           = 256       // assistant_id, thread_id
)

// PayloadLimit is Temporal's default limit on one payload (the server's
// limit.blobSize.error); InputBudget is what any workflow, child or activity
// input built here may take of it: half, so that a codec added later
// (encryption, framing, base64) still fits.
const (
	PayloadLimit = 2 << 20
	InputBudget  = PayloadLimit / 2
)

// EncodedLen is the size of s as the default data converter sends it: its
// JSON encoding without the quotes.
func EncodedLen(s string) int {
	// Deterministic for a string: workflowcheck flags the encoder's type
	// cache, which a string does not reach.
	//workflowcheck:ignore
	b, err := json.Marshal(s)
	if err != nil { // cannot happen for a string
		return len(s) * 6
	}
	return len(b) - 2
}
