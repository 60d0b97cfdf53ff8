package client

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	workflowpb "go.temporal.io/api/workflow/v1"
	tclient "go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// turnPollInterval paces the wait for a turn carried over a continue-as-new
// whose Run workflow has not started yet.
const turnPollInterval = time.Second

// Conversations talks to conversations that share one set of settings
// (assistant, instructions, idle timeout). A conversation is named by a key
// the backend chooses, e.g. a chat session ID.
type Conversations struct {
	c        *Client
	settings assistant.ConversationSettings
}

// Conversations returns a handle for conversations with these settings; they
// apply when a message creates a conversation.
func (c *Client) Conversations(settings assistant.ConversationSettings) *Conversations {
	return &Conversations{c: c, settings: settings}
}

// SendMessage sends the user's text to the conversation named key, creating
// it when it does not exist, and returns the assistant's reply once the
// message's turn has ended. Messages to one conversation are answered one
// at a time, in the order they arrived.
func (cv *Conversations) SendMessage(ctx context.Context, key, text string) (assistant.TurnReply, error) {
	return cv.SendMessageWithID(ctx, key, "msg-"+randomSuffix(), text)
}

// SendMessageWithID is SendMessage with the caller's message ID: sending
// again with the same ID (a retry after a crash) is answered by the same
// turn, never a second one. Keys, IDs and text are checked first (see
// workflows.ValidateConversationKey and the README's Limits).
func (cv *Conversations) SendMessageWithID(ctx context.Context, key, messageID, text string) (assistant.TurnReply, error) {
	if err := cv.check(key, messageID, text); err != nil {
		return assistant.TurnReply{}, err
	}
	for attempt := 1; ; attempt++ {
		r, err := cv.send(ctx, key, messageID, text)
		if !closing(err) || attempt == maxClosingRetries {
			return r, err
		}
		// Ended but not yet closed: the message goes to the next conversation.
		if err := cv.awaitClosed(ctx, key); err != nil {
			return r, err
		}
	}
}

// maxClosingRetries bounds the sends of one message to conversations that
// were closing (each send after the one before has closed).
const maxClosingRetries = 3

// closing reports whether a conversation refused a message because it has
// ended and is closing.
func closing(err error) bool {
	var app *temporal.ApplicationError
	return errors.As(err, &app) && app.Type() == assistant.ErrorTypeConversationClosing
}

// awaitClosed waits until the conversation's current run has closed.
func (cv *Conversations) awaitClosed(ctx context.Context, key string) error {
	// How it closed does not matter: the next conversation answers.
	_ = cv.c.tc.GetWorkflow(ctx, assistant.ConversationWorkflowID(key), "").Get(ctx, nil)
	if ctx.Err() != nil {
		return fmt.Errorf("message to conversation %q: it was closing: %w", key, ctx.Err())
	}
	return nil
}

// send is one Update-with-Start of the message and its outcome.
func (cv *Conversations) send(ctx context.Context, key, messageID, text string) (assistant.TurnReply, error) {
	h, err := cv.deliver(ctx, key, messageID, text)
	if err != nil {
		return assistant.TurnReply{}, fmt.Errorf("send message to conversation %q: %w", key, err)
	}
	var r assistant.TurnReply
	if err := awaitOutcome(ctx, h, &r); err != nil {
		if typed := turnError(key, err); typed != nil {
			return assistant.TurnReply{}, typed
		}
		return assistant.TurnReply{}, fmt.Errorf("message to conversation %q: %w", key, err)
	}
	if r.Pending {
		return cv.awaitTurn(ctx, key, r)
	}
	return r, nil
}

// deliver sends the Update-with-Start until the conversation has accepted
// the message, for as long as ctx allows. One call of the SDK gives up after
// about a minute: the server admits 10 in-flight Updates per workflow, and
// a message beyond them is refused and retried by the SDK until then (a burst
// of 50 messages on a loaded machine failed so). The message ID is the
// Update ID, so a repeated call is the same message, never a second one.
func (cv *Conversations) deliver(ctx context.Context, key, messageID, text string) (tclient.WorkflowUpdateHandle, error) {
	for {
		h, err := cv.updateWithStart(ctx, key, messageID, text)
		var timeout *tclient.WorkflowUpdateServiceTimeoutOrCanceledError
		if errors.As(err, &timeout) && ctx.Err() == nil {
			continue
		}
		return h, err
	}
}

// updateWithStart is one Update-with-Start of the message (a start operation
// serves one call only, so each call makes its own).
func (cv *Conversations) updateWithStart(ctx context.Context, key, messageID, text string) (tclient.WorkflowUpdateHandle, error) {
	start := cv.c.tc.NewWithStartWorkflowOperation(tclient.StartWorkflowOptions{
		ID:                       assistant.ConversationWorkflowID(key),
		TaskQueue:                cv.c.opts.TaskQueue,
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
		StaticSummary:            "conversation with " + cv.settings.AssistantID,
		StaticDetails:            fmt.Sprintf("key: %s\nassistant: %s\nturns: child Run workflows %s/<epoch>/turn-<n>", key, cv.settings.AssistantID, assistant.ConversationWorkflowID(key)),
		TypedSearchAttributes:    assistant.StartSearchAttributes(cv.settings.AssistantID, ""),
	}, assistant.WorkflowConversation, assistant.ConversationInput{Settings: cv.settings})
	return cv.c.tc.UpdateWithStartWorkflow(ctx, tclient.UpdateWithStartWorkflowOptions{
		StartWorkflowOperation: start,
		UpdateOptions: tclient.UpdateWorkflowOptions{
			UpdateID:     messageID,
			UpdateName:   assistant.UpdateSendMessage,
			Args:         []any{assistant.SendMessageInput{Text: text}},
			WaitForStage: tclient.WorkflowUpdateStageAccepted,
		},
	})
}

// check validates a message before anything is sent, naming what is wrong:
// the key, the settings, the message ID or the text.
func (cv *Conversations) check(key, messageID, text string) error {
	if err := assistant.ValidateConversationKey(key); err != nil {
		return err
	}
	if err := cv.settings.Validate(); err != nil {
		return fmt.Errorf("invalid conversation settings: %w", err)
	}
	if err := assistant.ValidateMessageID(messageID); err != nil {
		return fmt.Errorf("invalid message: %w", err)
	}
	if err := assistant.ValidateMessage("message", text); err != nil {
		return fmt.Errorf("invalid message: %w", err)
	}
	return nil
}

// closed reports whether the conversation instance a turn belongs to (its
// epoch, a prefix of its first run ID) has no open run any more, so a turn
// whose workflow does not exist yet never will. When the key names a newer
// instance, the turn's own has ended.
func (cv *Conversations) closed(ctx context.Context, key, epoch string) bool {
	d, err := cv.c.tc.DescribeWorkflowExecution(ctx, assistant.ConversationWorkflowID(key), "")
	return err == nil && !runsInstance(d.GetWorkflowExecutionInfo(), epoch)
}

// runsInstance reports whether a conversation's current run is open and
// belongs to the instance epoch names.
func runsInstance(info *workflowpb.WorkflowExecutionInfo, epoch string) bool {
	return info.GetStatus() == enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING && strings.HasPrefix(info.GetFirstRunId(), epoch)
}

// awaitTurn waits for a turn through its own Run workflow: the reply of a
// message carried over a continue-as-new, or of a retried message.
func (cv *Conversations) awaitTurn(ctx context.Context, key string, r assistant.TurnReply) (assistant.TurnReply, error) {
	for {
		var res assistant.Result
		err := cv.c.tc.GetWorkflow(ctx, r.WorkflowID, "").Get(ctx, &res)
		var notFound *serviceerror.NotFound
		var failed *temporal.WorkflowExecutionError
		switch {
		case err == nil:
			r.Result, r.Pending = res, false
			return r, nil
		case errors.As(err, &notFound) && ctx.Err() == nil:
			if cv.closed(ctx, key, r.Epoch) {
				_, reason, _ := cv.instanceEnd(ctx, key, r.Epoch) // why, if it can tell
				return r, &ConversationEndedError{EndedTurn: assistant.EndedTurn{Key: key, Turn: r.Turn, WorkflowID: r.WorkflowID, Reason: reason}}
			}
			select { // queued: its Run workflow starts when its turn comes
			case <-ctx.Done():
				return r, ctx.Err()
			case <-time.After(turnPollInterval):
			}
		case errors.As(err, &failed):
			return r, cv.closedTurn(ctx, key, r, err)
		default:
			return r, fmt.Errorf("await turn %d (%s): %w", r.Turn, r.WorkflowID, err)
		}
	}
}

// History returns the conversation's recent turns (IDs, status, short text)
// and the queued ones.
func (cv *Conversations) History(ctx context.Context, key string) (assistant.ConversationState, error) {
	if err := assistant.ValidateConversationKey(key); err != nil {
		return assistant.ConversationState{}, err
	}
	v, err := cv.c.tc.QueryWorkflow(ctx, assistant.ConversationWorkflowID(key), "", assistant.QueryTurns)
	if err != nil {
		return assistant.ConversationState{}, fmt.Errorf("query conversation %q: %w", key, err)
	}
	var st assistant.ConversationState
	if err := v.Get(&st); err != nil {
		return assistant.ConversationState{}, fmt.Errorf("decode conversation %q: %w", key, err)
	}
	return st, nil
}

// End ends the conversation at once; a running turn is cancelled at the API.
func (cv *Conversations) End(ctx context.Context, key string) error {
	if err := assistant.ValidateConversationKey(key); err != nil {
		return err
	}
	err := cv.c.tc.SignalWorkflow(ctx, assistant.ConversationWorkflowID(key), "", assistant.SignalEnd, nil)
	if err != nil {
		return fmt.Errorf("end conversation %q: %w", key, err)
	}
	return nil
}

// awaitOutcome waits for an accepted Update's outcome for as long as ctx
// allows. One long poll of the SDK gives up after about a minute, and a
// message queued behind many turns can wait longer than that.
func awaitOutcome(ctx context.Context, h tclient.WorkflowUpdateHandle, v any) error {
	for {
		err := h.Get(ctx, v)
		var timeout *tclient.WorkflowUpdateServiceTimeoutOrCanceledError
		if errors.As(err, &timeout) && ctx.Err() == nil {
			continue
		}
		return err
	}
}
