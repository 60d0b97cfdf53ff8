package assistant

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"
)

// Limits of a run request. The metadata limits are the API's (16 pairs, keys
// up to 64 characters, values up to 512); one pair is reserved for the
// idempotency key.
const (
	MaxMessageBytes     = 256 << 10
	MaxMetadataPairs    = 15
	MaxMetadataKeyLen   = 64
	MaxMetadataValueLen = 512
	ReservedMetadataKey = "da_idempotency_key"
)

// Validate checks a run request before anything is sent, with an error that
// names the field at fault.
func (r RunRequest) Validate() error {
	if strings.TrimSpace(r.AssistantID) == "" {
		return fmt.Errorf("assistant_id is empty")
	}
	if strings.TrimSpace(r.Message) == "" {
		return fmt.Errorf("message is empty")
	}
	if len(r.Message) > MaxMessageBytes {
		return fmt.Errorf("message is %d bytes; the limit is %d", len(r.Message), MaxMessageBytes)
	}
	if !utf8.ValidString(r.Message) {
		return fmt.Errorf("message is not valid UTF-8")
	}
	if _, err := ParseMode(string(r.Mode)); err != nil {
		return err
	}
	return validateMetadata(r.Metadata)
}

func validateMetadata(m map[string]string) error {
	if len(m) > MaxMetadataPairs {
		return fmt.Errorf("metadata has %d keys; the limit is %d (one of the API's 16 is reserved)", len(m), MaxMetadataPairs)
	}
	// Sorted, so the same request always names the same key (and workflow
	// code that validates stays deterministic).
	//workflowcheck:ignore
	for _, k := range slices.Sorted(maps.Keys(m)) {
		v := m[k]
		switch {
		case k == ReservedMetadataKey:
			return fmt.Errorf("metadata key %q is reserved", k)
		case k == "" || utf8.RuneCountInString(k) > MaxMetadataKeyLen:
			return fmt.Errorf("metadata key %q must have 1 to %d characters", k, MaxMetadataKeyLen)
		case utf8.RuneCountInString(v) > MaxMetadataValueLen:
			return fmt.Errorf("metadata value of key %q has %d characters; the limit is %d", k, utf8.RuneCountInString(v), MaxMetadataValueLen)
		}
	}
	return nil
}
