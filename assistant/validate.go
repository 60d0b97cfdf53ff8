package assistant

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"
)

// Limits of a run request's metadata: the API's (16 pairs, keys up to 64
// characters, values up to 512), counted in characters as the API counts
// them; one pair is reserved for the idempotency key. Encoded, 15 pairs take
// at most 15*(64+512)*6 bytes, far inside InputBudget.
const (
	MaxMetadataPairs    = 15
	MaxMetadataKeyLen   = 64
	MaxMetadataValueLen = 512
	ReservedMetadataKey = "da_idempotency_key"
)

// Validate checks a run request before anything is sent, with an error that
// names the field at fault.
func (r RunRequest) Validate() error {
	if err := ValidateAssistantID(r.AssistantID); err != nil {
		return err
	}
	if err := ValidateText("thread_id", r.ThreadID, MaxIDBytes); err != nil {
		return err
	}
	if err := r.validateThreadAndRun(); err != nil {
		return err
	}
	if err := ValidateMessage("message", r.Message); err != nil {
		return err
	}
	if err := ValidateText("instructions", r.Instructions, MaxInstructionsBytes); err != nil {
		return err
	}
	if _, err := ParseMode(string(r.Mode)); err != nil {
		return err
	}
	if err := validateMetadata(r.Metadata); err != nil {
		return err
	}
	if err := r.Overrides.Validate(); err != nil {
		return err
	}
	if err := r.validateFiles(); err != nil {
		return err
	}
	return r.validateEncodedSize()
}

// validateThreadAndRun checks what a create-thread-and-run cannot carry.
func (r RunRequest) validateThreadAndRun() error {
	switch {
	case !r.CreateThreadAndRun:
		return nil
	case r.ThreadID != "":
		return fmt.Errorf("create_thread_and_run is set with thread_id %q: it creates a new thread; leave thread_id empty", r.ThreadID)
	case r.Instructions != "":
		return fmt.Errorf("instructions: create_thread_and_run cannot add instructions (POST /threads/runs has no additional_instructions); " +
			"replace them with overrides.instructions, or leave create_thread_and_run off")
	case len(r.Attachments) > 0 || len(r.Images) > 0 || r.ToolResources != nil:
		return fmt.Errorf("create_thread_and_run cannot carry attachments, images or tool_resources yet; " +
			"leave it off: a run without it makes its thread, then the run with them")
	}
	return nil
}

// ValidateAssistantID checks an assistant ID (a profile name on the
// responses protocol): set, short, UTF-8.
func ValidateAssistantID(id string) error {
	if strings.TrimSpace(id) == "" {
		return fmt.Errorf("assistant_id is empty")
	}
	return ValidateText("assistant_id", id, MaxIDBytes)
}

// ValidateMessage checks a user message, naming it field: not blank, UTF-8,
// at most MaxMessageBytes encoded.
func ValidateMessage(field, text string) error {
	if strings.TrimSpace(text) == "" {
		return fmt.Errorf("%s is empty", field)
	}
	return ValidateText(field, text, MaxMessageBytes)
}

// ValidateText checks an optional text, naming it field: UTF-8 and at most
// limit bytes once encoded (EncodedLen), the size actually sent.
func ValidateText(field, text string, limit int) error {
	if !utf8.ValidString(text) {
		return fmt.Errorf("%s is not valid UTF-8", field)
	}
	if n := EncodedLen(text); n > limit {
		return fmt.Errorf("%s is %d bytes encoded (JSON; '<', '&' and control characters take 6 bytes each); the limit is %d", field, n, limit)
	}
	return nil
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
