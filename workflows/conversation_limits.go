package workflows

import (
	"fmt"
	"strings"

	"github.com/durable-assistants/durable-assistants/assistant"
)

const (
	// maxQueuedBytes and maxQueuedMessages cap the queue, which is carried
	// across continue-as-new.
	maxQueuedBytes    = 512 << 10
	maxQueuedMessages = 200
)

// conversationKey is the key of a conversation's workflow ID.
func conversationKey(workflowID string) (string, error) {
	key, ok := strings.CutPrefix(workflowID, assistant.ConversationWorkflowID(""))
	if !ok {
		return "", fmt.Errorf("workflow ID %q is not %s<key>", workflowID, assistant.ConversationWorkflowID(""))
	}
	return key, assistant.ValidateConversationKey(key)
}
