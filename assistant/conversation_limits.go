package assistant

import (
	"fmt"
	"strings"
)

// Limits of a conversation. Sizes are encoded bytes (assistant.EncodedLen, quotes included).
// Together with maxKeptTurns and maxSeenIDs they keep the continue-as-new
// input under assistant.InputBudget whatever the validators accept
// (TestConversationAcceptedStateFitsBudget).
const (
	// MaxConversationKeyLen bounds a key; with the prefix, the epoch and
	// the turn number, a turn's workflow ID stays far below Temporal's 1000.
	MaxConversationKeyLen = 200
	// MaxMessageIDBytes bounds a message (Update) ID: up to maxSeenIDs of
	// them are carried for deduplication.
	MaxMessageIDBytes = 256
)

// ValidateConversationKey checks a conversation key: 1 to
// MaxConversationKeyLen characters of A-Z a-z 0-9 . _ : @ -. No '/', so no
// key's workflow ID ("conversation-<key>") is another conversation's turn
// ("conversation-<key>/<epoch>/turn-<n>"), and a turn ID names one key.
func ValidateConversationKey(key string) error {
	switch {
	case key == "":
		return fmt.Errorf("conversation key is empty")
	case len(key) > MaxConversationKeyLen:
		return fmt.Errorf("conversation key %q… has %d bytes; the limit is %d", key[:20], len(key), MaxConversationKeyLen)
	}
	if i := strings.IndexFunc(key, func(r rune) bool { return !keyRune(r) }); i >= 0 {
		return fmt.Errorf("conversation key %q has %q at byte %d; a key takes only letters A-Z a-z, digits and . _ : @ -", key, []rune(key[i:])[0], i)
	}
	return nil
}

func keyRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._:@-", r)
}

// ValidateMessageID checks a message ID given to SendMessageWithID.
func ValidateMessageID(id string) error {
	if id == "" {
		return fmt.Errorf("message ID is empty")
	}
	return ValidateText("message ID", id, MaxMessageIDBytes)
}
