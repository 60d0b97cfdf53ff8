package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
)

// A typed turn error is printed whole: shortening it to the text after its
// last "): ", as SDK failure chains are, kept only the Run's own cause and
// lost which turn and conversation it was.
func TestChatPrintsTurnErrorsWhole(t *testing.T) {
	var out, errs strings.Builder
	ch := &chat{stdout: &out, stderr: &errs}
	err := &client.TurnFailedError{FailedTurn: assistant.FailedTurn{Key: "k", Turn: 3, WorkflowID: "conversation-k/e/turn-3",
		Closed: "failed", Cause: "start run (attempt 3): assistant not found"}}
	require.False(t, ch.printReply(assistant.TurnReply{}, err))
	require.Equal(t, "error: "+err.Error()+"\n", errs.String())
	require.Contains(t, errs.String(), `turn 3 of conversation "k" was not answered`)
}
