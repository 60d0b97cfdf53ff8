package assistant

// Limits on what a caller sends. Sizes are counted on the JSON string the
// default data converter sends, quotes included (EncodedLen), not on
// the raw text: '<', '>', '&', U+2028, U+2029 and control characters take 6
// bytes each there, so a raw limit would let a text grow up to 6x on the wire.
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
