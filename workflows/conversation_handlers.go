package workflows

import (
	"cmp"
	"fmt"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// setHandlers registers the SendMessage Update, the End signal and the
// turns query.
func (c *conversation) setHandlers(ctx workflow.Context) error {
	// The End channel is read before the Update handler is set, which runs
	// the validators of Updates that reached the run before it started.
	c.endCh = workflow.GetSignalChannel(ctx, assistant.SignalEnd)
	err := workflow.SetUpdateHandlerWithOptions(ctx, assistant.UpdateSendMessage, c.sendMessage,
		workflow.UpdateHandlerOptions{Validator: c.validateMessage})
	if err != nil {
		return err
	}
	workflow.Go(ctx, func(ctx workflow.Context) {
		// Await, then take: an End stays in the channel until this goroutine
		// runs, so a validator that runs first sees it (endPending). Blocked
		// in Receive, the goroutine was handed the End as it arrived and the
		// channel looked empty: a message in the same workflow task was taken
		// in, its turn started and was cancelled (TestConversationModelWithKills,
		// seed 2, 4 runs in 23). Disconnected: like Receive, the wait outlasts
		// a cancel of the workflow, which is no End.
		dctx, _ := workflow.NewDisconnectedContext(ctx)
		_ = workflow.Await(dctx, func() bool { return c.endCh.Len() > 0 })
		c.endCh.ReceiveAsync(nil)
		c.ended = true
		if c.cancelTurn != nil {
			c.cancelTurn()
		}
	})
	return workflow.SetQueryHandler(ctx, assistant.QueryTurns, func() (assistant.ConversationState, error) {
		return c.state(ctx.Err() != nil)
	})
}

// validateMessage rejects a message before it reaches history.
func (c *conversation) validateMessage(ctx workflow.Context, in assistant.SendMessageInput) error {
	return c.checkMessage(workflow.GetCurrentUpdateInfo(ctx).ID, in.Text, ctx.Err() != nil)
}

// checkMessage rejects a message that is empty, oversized or not UTF-8, an
// oversized message ID, a message to an ended or invalid conversation, or
// one that does not fit the queue. Sizes are encoded bytes: the queue is
// carried across continue-as-new. A cancelled conversation is ending as an
// ended one is.
func (c *conversation) checkMessage(updateID, text string, cancelled bool) error {
	if c.invalid != nil {
		return fmt.Errorf("invalid conversation: %w", c.invalid)
	}
	if err := assistant.ValidateMessage("text", text); err != nil {
		return err
	}
	if err := assistant.ValidateMessageID(updateID); err != nil {
		return err
	}
	if _, dup := c.seen[updateID]; dup { // a retry joins its turn
		return nil
	}
	switch {
	case c.ended || c.reason != "" || c.endPending() || cancelled:
		return temporal.NewApplicationError("the conversation has ended", assistant.ErrorTypeConversationClosing)
	case len(c.in.Queue) >= maxQueuedMessages:
		return fmt.Errorf("%d messages are queued; the limit is %d, retry when earlier messages are answered", len(c.in.Queue), maxQueuedMessages)
	}
	if n := c.queuedBytes() + assistant.EncodedLen(text); n > maxQueuedBytes {
		return fmt.Errorf("text does not fit: %d bytes (encoded) would be queued; the limit is %d, retry when earlier messages are answered", n, maxQueuedBytes)
	}
	return nil
}

// endPending reports an End signal that has arrived but that its goroutine
// has not yet taken: Update handlers run before other coroutines in a
// workflow task, so an End delivered in the same task as this message is
// still in the channel. A message sent after End returned must not be taken
// in by the ending conversation. Validators do not run on replay, so this
// changes no recorded history.
func (c *conversation) endPending() bool {
	return c.endCh != nil && c.endCh.Len() > 0
}

// maxWaitingReplies is how many queued messages wait for their reply inside
// their Update. Temporal allows few Updates in flight per workflow (10 by
// default), so a message queued deeper is answered at once with its turn's
// workflow ID, and the client awaits that workflow instead.
const maxWaitingReplies = 5

// sendMessage queues the message and waits for its turn's reply. A retry of
// an Update seen before continue-as-new joins the turn it became.
func (c *conversation) sendMessage(ctx workflow.Context, in assistant.SendMessageInput) (assistant.TurnReply, error) {
	id := workflow.GetCurrentUpdateInfo(ctx).ID
	n, dup := c.seen[id]
	if !dup {
		c.in.TurnCount++
		n = c.in.TurnCount
		c.seen[id] = n
		c.in.Queue = append(c.in.Queue, assistant.QueuedMessage{UpdateID: id, Turn: n, Text: in.Text})
	}
	if len(c.in.Queue) > maxWaitingReplies && c.open(n) && c.running != n {
		return assistant.TurnReply{Turn: n, WorkflowID: c.turnWorkflowID(n), Epoch: c.in.Epoch, Pending: true}, nil
	}
	ended := func() bool { return c.answered(n) || c.closing || !c.open(n) }
	if err := workflow.Await(ctx, ended); err != nil && c.cancelled(ctx) {
		// The conversation was cancelled: its end answers this message.
		dctx, _ := workflow.NewDisconnectedContext(ctx)
		_ = workflow.Await(dctx, ended)
	}
	if r, ok := c.replies[n]; ok {
		return r, nil
	}
	if err, ok := c.failures[n]; ok {
		return assistant.TurnReply{}, err
	}
	if c.reason != "" {
		key, _ := conversationKey(c.workflowID)
		return assistant.TurnReply{}, endedError(assistant.EndedTurn{Key: key, Turn: n, WorkflowID: c.turnWorkflowID(n), Reason: c.reason})
	}
	// Continuing as new, or a turn of an earlier run: the caller awaits the
	// turn's own workflow.
	return assistant.TurnReply{Turn: n, WorkflowID: c.turnWorkflowID(n), Epoch: c.in.Epoch, Pending: true}, nil
}

// answered reports whether turn n ended in this run, with a reply or not.
func (c *conversation) answered(n int) bool {
	_, ok := c.replies[n]
	_, failed := c.failures[n]
	return ok || failed
}

// open reports whether turn n is queued or running in this run.
func (c *conversation) open(n int) bool {
	if c.running == n {
		return true
	}
	for _, m := range c.in.Queue {
		if m.Turn == n {
			return true
		}
	}
	return false
}

func (c *conversation) queuedBytes() int {
	n := 0
	for _, m := range c.in.Queue {
		n += assistant.EncodedLen(m.Text)
	}
	return n
}

// state answers QueryTurns. It says the conversation ended as soon as it
// is ending (End received, its workflow cancelled), before it has closed: a
// client awaiting a turn that was cancelled tells an end from a cancel of
// the turn alone by it.
func (c *conversation) state(cancelled bool) (assistant.ConversationState, error) {
	turns := append([]assistant.Turn(nil), c.in.Turns...)
	for _, m := range c.in.Queue {
		turns = append(turns, assistant.Turn{Number: m.Turn, WorkflowID: c.turnWorkflowID(m.Turn), Status: assistant.TurnQueued, Message: short(m.Text)})
	}
	reason := cmp.Or(c.reason, c.endReason(cancelled))
	return assistant.ConversationState{ThreadID: c.in.ThreadID, TurnCount: c.in.TurnCount, Turns: turns, Ended: reason != "", Reason: reason}, nil
}
