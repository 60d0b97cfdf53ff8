package client

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// A run may not take a workflow ID under the conversations' prefix: it could
// be a future turn's ID, and that turn would then fail. The client here has
// no connection: a call that got through would panic.
func TestStartRunRefusesConversationWorkflowIDs(t *testing.T) {
	c := New(nil, Options{TaskQueue: "q"})
	req := assistant.RunRequest{AssistantID: "asst_1", Message: "hi"}
	_, err := c.StartRun(context.Background(), req, WithWorkflowID("conversation-k/019ad4c1/turn-2"))
	require.ErrorContains(t, err, `the prefix "conversation-" belongs to conversations`)
}
