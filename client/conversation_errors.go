package client

import (
	"errors"
	"fmt"

	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// ErrConversationEnded matches (errors.Is) every ConversationEndedError.
var ErrConversationEnded = errors.New("conversation ended before the message was answered")

// ErrTurnFailed matches (errors.Is) every TurnFailedError.
var ErrTurnFailed = errors.New("turn closed without a reply")

// ConversationEndedError is what SendMessage returns when the conversation
// ended before answering the message: End, or its workflow cancelled, while
// the message's turn ran (Cancelled: the turn and its API run were
// cancelled; the message is on the thread without a reply) or while it was
// queued (the message was never sent to the model). The next message under
// the key starts a new conversation.
type ConversationEndedError struct {
	assistant.EndedTurn
	cause error // what it came as from Temporal, if anything
}

func (e *ConversationEndedError) Error() string {
	if e.Turn == 0 { // from a worker that sends no detail
		return fmt.Sprintf("conversation %q ended before the message was answered", e.Key)
	}
	return e.Message()
}

// Is makes errors.Is(err, ErrConversationEnded) true.
func (e *ConversationEndedError) Is(target error) bool { return target == ErrConversationEnded }

// Unwrap is the Temporal error it came as (a ConversationEnded application
// error, or the turn workflow's failure), or nil.
func (e *ConversationEndedError) Unwrap() error { return e.cause }

// TurnFailedError is what SendMessage returns when the message's turn, a
// Run workflow, closed without a reply (failed, timed out, terminated, or
// was cancelled by itself, not by an end of the conversation); the
// conversation goes on and answers later messages.
type TurnFailedError struct {
	assistant.FailedTurn
	cause error
}

func (e *TurnFailedError) Error() string { return e.Message() }

// Is makes errors.Is(err, ErrTurnFailed) true.
func (e *TurnFailedError) Is(target error) bool { return target == ErrTurnFailed }

// Unwrap is the Temporal error it came as.
func (e *TurnFailedError) Unwrap() error { return e.cause }

// turnError is the typed error of a SendMessage Update that failed as
// ConversationEnded or TurnFailed, or nil for any other error. An older
// worker sends a ConversationEnded error with no detail: the key is filled
// in.
func turnError(key string, err error) error {
	var app *temporal.ApplicationError
	if !errors.As(err, &app) {
		return nil
	}
	switch app.Type() {
	case assistant.ErrorTypeConversationEnded:
		e := &ConversationEndedError{cause: err}
		if app.Details(&e.EndedTurn) != nil || e.Key == "" {
			e.EndedTurn = assistant.EndedTurn{Key: key}
		}
		return e
	case assistant.ErrorTypeTurnFailed:
		e := &TurnFailedError{cause: err}
		if app.Details(&e.FailedTurn) != nil {
			e.FailedTurn = assistant.FailedTurn{Key: key, Closed: "failed", Cause: app.Message()}
		}
		return e
	}
	return nil
}
