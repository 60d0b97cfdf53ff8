package workflows

import (
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// versionTurnOutcome gates the typed outcome of a turn that ends without a
// reply: one cancelled because its conversation ended (End, or the
// conversation's workflow cancelled) answers ConversationEnded, one whose
// Run workflow failed, timed out, was terminated or cancelled by itself
// answers TurnFailed, and a cancelled conversation ends as an ended one
// does (its queue dropped, its handlers let finish). Before it the caller
// got a reply whose error was "workflow_failed: ... canceled". It is read
// only on those paths, so other conversations record nothing.
const versionTurnOutcome = "conversation-turn-outcome"

// typedOutcomes reads versionTurnOutcome (recorded once per run, at the
// first of those paths).
func typedOutcomes(ctx workflow.Context) bool {
	return workflow.GetVersion(ctx, versionTurnOutcome, workflow.DefaultVersion, 1) >= 1
}

// cancelled reports whether the conversation's workflow was cancelled (from
// the UI or the CLI) and is to end as an ended one does.
func (c *conversation) cancelled(ctx workflow.Context) bool {
	return ctx.Err() != nil && typedOutcomes(ctx)
}

// finishCancelled ends a cancelled conversation: the running turn was
// cancelled with it; queued messages are dropped and every handler is let
// finish, in a disconnected context (the workflow's own is done).
func (c *conversation) finishCancelled(ctx workflow.Context) (assistant.ConversationResult, error) {
	dctx, _ := workflow.NewDisconnectedContext(ctx)
	if _, err := c.finish(dctx, "cancelled"); err != nil {
		return assistant.ConversationResult{}, err
	}
	return assistant.ConversationResult{}, ctx.Err()
}

// unanswered records a turn whose Run workflow returned err instead of a
// result, and the typed error its caller gets.
func (c *conversation) unanswered(ctx workflow.Context, m assistant.QueuedMessage, id string, err error) {
	key, _ := conversationKey(c.workflowID)
	t := assistant.Turn{Number: m.Turn, WorkflowID: id, Message: short(m.Text)}
	if reason := c.endReason(ctx.Err() != nil); reason != "" && temporal.IsCanceledError(err) {
		ended := assistant.EndedTurn{Key: key, Turn: m.Turn, WorkflowID: id, Reason: reason, Cancelled: true}
		c.failures[m.Turn] = endedError(ended)
		t.Status, t.Error = assistant.TurnCancelled, short(ended.Message())
	} else {
		failed := assistant.NewFailedTurn(key, m.Turn, id, err)
		c.failures[m.Turn] = temporal.NewApplicationErrorWithOptions(failed.Message(), assistant.ErrorTypeTurnFailed,
			temporal.ApplicationErrorOptions{NonRetryable: true, Details: []any{failed}})
		t.Status, t.Error = assistant.TurnFailed, short(failed.Message())
	}
	c.record(t)
}

// endReason is why the conversation is ending now: "ended" (End),
// "cancelled" (its workflow is), or "" when it goes on.
func (c *conversation) endReason(cancelled bool) string {
	switch {
	case c.ended:
		return "ended"
	case cancelled:
		return "cancelled"
	}
	return ""
}

// endedError is the error of a message its conversation ended before
// answering.
func endedError(t assistant.EndedTurn) error {
	return temporal.NewApplicationErrorWithOptions(t.Message(), assistant.ErrorTypeConversationEnded,
		temporal.ApplicationErrorOptions{NonRetryable: true, Details: []any{t}})
}
