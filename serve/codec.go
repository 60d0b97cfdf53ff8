package serve

import "github.com/durable-assistants/durable-assistants/internal/config"

// payloadCodecState says in the start line whether payloads are encrypted,
// and with which key ID (never the key): "off" or "aes-256-gcm key k2".
// The codec itself is in the client's data converter (config.Temporal.Dial),
// which the worker uses for every payload it reads and writes.
func payloadCodecState(t config.Temporal) string {
	c, err := t.Codec()
	if err != nil || c == nil {
		return "off"
	}
	return "aes-256-gcm key " + c.EncryptKeyID()
}
