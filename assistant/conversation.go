package assistant

import (
	"fmt"
	"time"
)

// Validate checks the settings before a conversation starts, naming the
// field at fault.
func (s ConversationSettings) Validate() error {
	if err := ValidateAssistantID(s.AssistantID); err != nil {
		return err
	}
	if err := ValidateText("instructions", s.Instructions, MaxInstructionsBytes); err != nil {
		return err
	}
	if s.IdleTimeout < 0 || s.IdleTimeout > 0 && s.IdleTimeout < time.Second {
		return fmt.Errorf("idle_timeout is %s; it must be 0 (the default, %s) or at least 1s", s.IdleTimeout, DefaultIdleTimeout)
	}
	return nil
}

// Messages of a Conversation workflow.
const (
	// UpdateSendMessage takes a SendMessageInput and returns the TurnReply.
	UpdateSendMessage = "send_message"
	// SignalEnd ends the conversation at once (a running turn is cancelled).
	SignalEnd = "end"
	// QueryTurns returns the ConversationState.
	QueryTurns = "turns"
)

// ConversationWorkflowID is the workflow ID of the conversation a backend
// names by key, so every caller with the key reaches the same workflow.
func ConversationWorkflowID(key string) string { return "conversation-" + key }

// ConversationSettings are chosen when the conversation starts and kept for
// its whole life, across continue-as-new.
type ConversationSettings struct {
	AssistantID  string `json:"assistant_id"`
	Instructions string `json:"instructions,omitempty"`
	// IdleTimeout ends the conversation after this long without a message;
	// 0 takes DefaultIdleTimeout.
	IdleTimeout time.Duration `json:"idle_timeout,omitempty"`
	// DeleteThreadOnIdle deletes the thread at the API when the idle timeout
	// ends the conversation (not when End does: the caller may want it).
	DeleteThreadOnIdle bool `json:"delete_thread_on_idle,omitempty"`
	// DeleteThreadOnEnd deletes the thread at the API when End ends the
	// conversation, for callers that keep no thread once a session is over.
	DeleteThreadOnEnd bool `json:"delete_thread_on_end,omitempty"`
}

// DefaultIdleTimeout ends a conversation nobody wrote to for a day.
const DefaultIdleTimeout = 24 * time.Hour

// ConversationInput starts a Conversation, or continues one as new: then it
// carries the thread, the queue and what deduplication needs, nothing more.
type ConversationInput struct {
	Settings ConversationSettings `json:"settings"`
	ThreadID string               `json:"thread_id,omitempty"`
	// Queue holds messages accepted but not yet answered.
	Queue []QueuedMessage `json:"queue,omitempty"`
	// Turns are the most recent turns (at most maxKeptTurns).
	Turns []Turn `json:"turns,omitempty"`
	// TurnCount numbers turns across continue-as-new.
	TurnCount int `json:"turn_count,omitempty"`
	// Seen maps recent SendMessage Update IDs to their turn number, so a
	// caller retrying an Update after continue-as-new is not answered twice.
	Seen []SeenUpdate `json:"seen,omitempty"`
	// Epoch tells this conversation's turn workflows apart from those of an
	// earlier conversation under the same key: the first run's ID (its
	// first 8 characters before versionIntegrity). Set by the workflow;
	// callers leave it empty.
	Epoch string `json:"epoch,omitempty"`
}

// QueuedMessage is a user message waiting for its turn.
type QueuedMessage struct {
	UpdateID string `json:"update_id"`
	Turn     int    `json:"turn"`
	Text     string `json:"text"`
}

// SeenUpdate remembers which turn a SendMessage Update became.
type SeenUpdate struct {
	UpdateID string `json:"update_id"`
	Turn     int    `json:"turn"`
}

// SendMessageInput is the argument of UpdateSendMessage.
type SendMessageInput struct {
	Text string `json:"text"`
}

// TurnReply is what UpdateSendMessage returns: the turn's outcome, or, when
// Pending, only where to await it (the conversation continued as new, or
// the Update is a retry of one answered in an earlier run).
type TurnReply struct {
	Turn       int    `json:"turn"`
	WorkflowID string `json:"workflow_id"`
	// Epoch names the conversation instance the turn belongs to: its first
	// run ID (an 8-character prefix of it for conversations started before
	// versionIntegrity). A caller awaiting the turn checks that instance.
	Epoch   string `json:"epoch,omitempty"`
	Pending bool   `json:"pending,omitempty"`
	Result
}

// TurnStatus is where a turn is.
type TurnStatus string

// Statuses of a turn.
const (
	TurnQueued  TurnStatus = "queued"
	TurnRunning TurnStatus = "running"
	TurnDone    TurnStatus = "done"    // the run ended; see RunStatus
	TurnFailed  TurnStatus = "failed"  // the Run workflow failed
	TurnDropped TurnStatus = "dropped" // the conversation ended first
	// TurnCancelled: the conversation ended while the turn ran, so its run
	// was cancelled (versionTurnOutcome; before it, such a turn was failed).
	TurnCancelled TurnStatus = "cancelled"
)

// Turn is one message and its answer, as the turns query shows it: IDs,
// status and short text only.
type Turn struct {
	Number     int        `json:"number"`
	WorkflowID string     `json:"workflow_id"`
	Status     TurnStatus `json:"status"`
	RunStatus  RunStatus  `json:"run_status,omitempty"`
	APIRunID   string     `json:"run_id,omitempty"`
	Message    string     `json:"message"`
	Reply      string     `json:"reply,omitempty"`
	Error      string     `json:"error,omitempty"`
}

// ConversationState is what QueryTurns returns.
type ConversationState struct {
	ThreadID  string `json:"thread_id,omitempty"`
	TurnCount int    `json:"turn_count"`
	// Turns are the recent turns, oldest first, then the queued ones.
	Turns []Turn `json:"turns"`
	// Ended is set once the conversation is ending: End received, or its
	// idle timeout or cancellation reached; Reason says which.
	Ended  bool   `json:"ended,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// ConversationResult is what a Conversation returns when it ends.
type ConversationResult struct {
	ThreadID  string `json:"thread_id,omitempty"`
	TurnCount int    `json:"turn_count"`
	// Reason is "idle" or "ended" (a cancelled conversation returns no
	// result).
	Reason string `json:"reason"`
	// ThreadDeleted says the idle timeout deleted the thread at the API.
	ThreadDeleted bool `json:"thread_deleted,omitempty"`
}
