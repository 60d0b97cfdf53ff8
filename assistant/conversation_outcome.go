package assistant

import (
	"errors"
	"fmt"

	"go.temporal.io/sdk/temporal"
)

// EndedTurn is the detail of a ConversationEnded error: the message's turn
// and why the conversation ended before answering it.
type EndedTurn struct {
	Key        string `json:"key"`
	Turn       int    `json:"turn"`
	WorkflowID string `json:"workflow_id"` // the turn's Run workflow
	// Reason is why the conversation ended: "ended" (End), "idle",
	// "cancelled" (its workflow was cancelled), or "" when the caller could
	// not learn it (the conversation had closed).
	Reason string `json:"reason,omitempty"`
	// Cancelled says the turn was running: its message is on the thread,
	// without a reply, and its API run was cancelled. Otherwise the message
	// was never sent to the model.
	Cancelled bool `json:"cancelled,omitempty"`
}

// Message says what happened to the turn, naming the conversation.
func (t EndedTurn) Message() string {
	how := "ended"
	if t.Reason != "" && t.Reason != "ended" {
		how = fmt.Sprintf("ended (%s)", t.Reason)
	}
	if t.Cancelled {
		return fmt.Sprintf("conversation %q %s while turn %d was being answered: the turn was cancelled", t.Key, how, t.Turn)
	}
	return fmt.Sprintf("conversation %q %s before turn %d was answered: its message was not sent", t.Key, how, t.Turn)
}

// FailedTurn is the detail of a TurnFailed error: the turn whose Run
// workflow closed without a reply, how, and its error.
type FailedTurn struct {
	Key        string `json:"key"`
	Turn       int    `json:"turn"`
	WorkflowID string `json:"workflow_id"`
	// Closed is how the Run workflow closed: "failed", "timed out",
	// "terminated" or "cancelled".
	Closed string `json:"closed"`
	Cause  string `json:"cause,omitempty"` // the Run workflow's error
}

// Message says what happened to the turn, naming the conversation.
func (t FailedTurn) Message() string {
	msg := fmt.Sprintf("turn %d of conversation %q was not answered: its Run workflow %s %s", t.Turn, t.Key, t.WorkflowID, t.Closed)
	if t.Cause != "" {
		msg += ": " + t.Cause
	}
	return msg
}

// NewFailedTurn says how a turn's Run workflow closed without a result;
// err is what awaiting it returned.
func NewFailedTurn(key string, turn int, workflowID string, err error) FailedTurn {
	t := FailedTurn{Key: key, Turn: turn, WorkflowID: workflowID}
	switch {
	case temporal.IsCanceledError(err):
		t.Closed = "cancelled"
	case temporal.IsTerminatedError(err):
		t.Closed = "terminated"
	case temporal.IsTimeoutError(err):
		t.Closed, t.Cause = "timed out", rootCause(err)
	default:
		t.Closed, t.Cause = "failed", rootCause(err)
	}
	return t
}

// rootCause is the innermost message of err: an application error's own
// words, else the last error in the chain, without the SDK's wrapping.
func rootCause(err error) string {
	var app *temporal.ApplicationError
	if errors.As(err, &app) {
		return app.Message()
	}
	for errors.Unwrap(err) != nil {
		err = errors.Unwrap(err)
	}
	return err.Error()
}
