package workflows

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// maxQueuedBytes caps the text waiting in the queue: it is carried in the
// continue-as-new input, which must stay far below the 2 MB payload limit.
const maxQueuedBytes = 1 << 20

// ErrConversationEnded is the error type a SendMessage caller gets when the
// conversation ended before the message was answered.
const ErrConversationEnded = "ConversationEnded"

// setHandlers registers the SendMessage Update, the End signal and the
// turns query.
func (c *conversation) setHandlers(ctx workflow.Context) error {
	err := workflow.SetUpdateHandlerWithOptions(ctx, UpdateSendMessage, c.sendMessage,
		workflow.UpdateHandlerOptions{Validator: c.validateMessage})
	if err != nil {
		return err
	}
	endCh := workflow.GetSignalChannel(ctx, SignalEnd)
	workflow.Go(ctx, func(ctx workflow.Context) {
		endCh.Receive(ctx, nil)
		c.ended = true
		if c.cancelTurn != nil {
			c.cancelTurn()
		}
	})
	return workflow.SetQueryHandler(ctx, QueryTurns, c.state)
}

// validateMessage rejects a message before it reaches history: empty,
// oversized, not UTF-8, or too much already waiting.
func (c *conversation) validateMessage(ctx workflow.Context, in SendMessageInput) error {
	switch {
	case strings.TrimSpace(in.Text) == "":
		return fmt.Errorf("text is empty")
	case len(in.Text) > assistant.MaxMessageBytes:
		return fmt.Errorf("text is %d bytes; the limit is %d", len(in.Text), assistant.MaxMessageBytes)
	case !utf8.ValidString(in.Text):
		return fmt.Errorf("text is not valid UTF-8")
	case c.ended || c.reason != "":
		return fmt.Errorf("the conversation has ended")
	}
	if n := c.queuedBytes() + len(in.Text); n > maxQueuedBytes {
		return fmt.Errorf("text does not fit: %d bytes would be queued; the limit is %d, retry when earlier messages are answered", n, maxQueuedBytes)
	}
	return nil
}

// maxWaitingReplies is how many queued messages wait for their reply inside
// their Update. Temporal allows few Updates in flight per workflow (10 by
// default), so a message queued deeper is answered at once with its turn's
// workflow ID, and the client awaits that workflow instead.
const maxWaitingReplies = 5

// sendMessage queues the message and waits for its turn's reply. A retry of
// an Update seen before continue-as-new joins the turn it became.
func (c *conversation) sendMessage(ctx workflow.Context, in SendMessageInput) (TurnReply, error) {
	id := workflow.GetCurrentUpdateInfo(ctx).ID
	n, dup := c.seen[id]
	if !dup {
		c.in.TurnCount++
		n = c.in.TurnCount
		c.seen[id] = n
		c.in.Queue = append(c.in.Queue, QueuedMessage{UpdateID: id, Turn: n, Text: in.Text})
	}
	if len(c.in.Queue) > maxWaitingReplies && c.open(n) && c.running != n {
		return TurnReply{Turn: n, WorkflowID: c.turnWorkflowID(n), Pending: true}, nil
	}
	_ = workflow.Await(ctx, func() bool { return c.answered(n) || c.closing || !c.open(n) })
	if r, ok := c.replies[n]; ok {
		return r, nil
	}
	if c.reason != "" {
		return TurnReply{}, temporal.NewApplicationError(
			fmt.Sprintf("the conversation ended (%s) before turn %d was answered", c.reason, n), ErrConversationEnded)
	}
	// Continuing as new, or a turn of an earlier run: the caller awaits the
	// turn's own workflow.
	return TurnReply{Turn: n, WorkflowID: c.turnWorkflowID(n), Pending: true}, nil
}

func (c *conversation) answered(n int) bool {
	_, ok := c.replies[n]
	return ok
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
		n += len(m.Text)
	}
	return n
}

// state answers QueryTurns.
func (c *conversation) state() (ConversationState, error) {
	turns := append([]Turn(nil), c.in.Turns...)
	for _, m := range c.in.Queue {
		turns = append(turns, Turn{Number: m.Turn, WorkflowID: c.turnWorkflowID(m.Turn), Status: TurnQueued, Message: short(m.Text)})
	}
	return ConversationState{ThreadID: c.in.ThreadID, TurnCount: c.in.TurnCount, Turns: turns, Ended: c.reason != ""}, nil
}
