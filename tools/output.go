package tools

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// MaxOutputBytes caps a tool output's encoded size (EncodedLen: the JSON string it becomes
// in history and in the request to the model API). Outputs go into the run's history and the
// model's context, so an oversized one is truncated with a note rather than submitted whole.
const MaxOutputBytes = 32 << 10

// maxErrorBytes caps the message of an error output, so that even escaped twice (as the
// error object, then as a string) it stays under MaxOutputBytes and remains valid JSON.
const maxErrorBytes = 4 << 10

// encodeResult renders a handler result: strings as they are, anything else as JSON.
func encodeResult(v any) (string, error) {
	if s, ok := v.(string); ok {
		return s, nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // the reader is a model, not a browser
	if err := enc.Encode(v); err != nil {
		return "", fmt.Errorf("tool result cannot be encoded as JSON: %v", err)
	}
	return strings.TrimSuffix(buf.String(), "\n"), nil
}

// errorOutput is the output that reports a problem to the model.
func errorOutput(msg string) string {
	out, _ := encodeResult(map[string]string{"error": truncate(strings.ToValidUTF8(msg, "\uFFFD"), maxErrorBytes)})
	return out
}

// finishOutput makes a successful output fit to submit: valid UTF-8, at most MaxOutputBytes
// once encoded.
func finishOutput(s string) string {
	return assistant.CutEncoded(strings.ToValidUTF8(s, "\uFFFD"), MaxOutputBytes)
}

// truncate shortens s to at most limit bytes, cutting on a rune boundary and ending with a
// note of how many bytes were dropped.
func truncate(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	// The note for len(s) dropped bytes is at least as long as the final one.
	kept := assistant.Prefix(s, limit-len(assistant.TruncationNote(len(s))))
	return kept + assistant.TruncationNote(len(s)-len(kept))
}
