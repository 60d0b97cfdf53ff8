package workflows

import (
	"fmt"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// runTurn answers the first queued message with a child Run workflow on the
// conversation's thread. The message leaves the queue only once the turn
// has ended, so a continue-as-new can never lose it.
func (c *conversation) runTurn(ctx workflow.Context) {
	m := c.in.Queue[0]
	id := c.turnWorkflowID(m.Turn)
	c.running = m.Turn
	c.record(assistant.Turn{Number: m.Turn, WorkflowID: id, Status: assistant.TurnRunning, Message: short(m.Text)})
	c.showDetails(ctx)

	tctx, cancel := workflow.WithCancel(ctx)
	c.cancelTurn = cancel
	opts := workflow.ChildWorkflowOptions{
		WorkflowID:    id,
		StaticSummary: fmt.Sprintf("turn %d of %s", m.Turn, c.workflowID),
		// Ending the conversation mid-turn cancels the run at the API.
		ParentClosePolicy:     enumspb.PARENT_CLOSE_POLICY_REQUEST_CANCEL,
		WaitForCancellation:   true,
		TypedSearchAttributes: assistant.StartSearchAttributes(c.in.Settings.AssistantID, c.in.ThreadID),
	}
	if c.integrity {
		// A turn ID names one turn for good: a caller awaiting it by ID must
		// never read another run under it.
		opts.WorkflowIDReusePolicy = enumspb.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE
	}
	tctx = workflow.WithChildOptions(tctx, opts)
	var res assistant.Result
	err := workflow.ExecuteChildWorkflow(tctx, Run, c.turnRequest(m)).Get(ctx, &res)
	c.cancelTurn, c.running = nil, 0
	c.in.Queue = c.in.Queue[1:]
	if err != nil && typedOutcomes(ctx) {
		c.unanswered(ctx, m, id, err)
	} else {
		c.answer(m, id, res, err)
	}
	c.sa.observe(ctx, assistant.RunState{ThreadID: c.in.ThreadID})
}

// turnRequest is the input of message m's Run.
func (c *conversation) turnRequest(m assistant.QueuedMessage) assistant.RunRequest {
	return assistant.RunRequest{
		AssistantID:  c.in.Settings.AssistantID,
		ThreadID:     c.in.ThreadID,
		Message:      m.Text,
		Instructions: c.in.Settings.Instructions,
	}
}

// answer records a finished turn and hands its reply to the waiting handler.
func (c *conversation) answer(m assistant.QueuedMessage, id string, res assistant.Result, err error) {
	t := assistant.Turn{Number: m.Turn, WorkflowID: id, Message: short(m.Text)}
	if err != nil {
		res.Error = &assistant.RunError{Code: "workflow_failed", Message: rootMessage(err)}
		t.Status, t.Error = assistant.TurnFailed, short(res.Error.Message)
	} else {
		if res.ThreadID != "" {
			c.in.ThreadID = res.ThreadID
		}
		t.Status, t.RunStatus, t.APIRunID, t.Reply = assistant.TurnDone, res.Status, res.APIRunID, short(res.Reply)
		if res.Error != nil {
			t.Error = short(res.Error.Code + ": " + res.Error.Message)
		}
	}
	c.record(t)
	c.replies[m.Turn] = assistant.TurnReply{Turn: m.Turn, WorkflowID: id, Epoch: c.in.Epoch, Result: res}
}

// record adds or updates a turn in the bounded list the query shows.
func (c *conversation) record(t assistant.Turn) {
	for i := range c.in.Turns {
		if c.in.Turns[i].Number == t.Number {
			c.in.Turns[i] = t
			return
		}
	}
	c.in.Turns = append(c.in.Turns, t)
	if over := len(c.in.Turns) - maxKeptTurns; over > 0 {
		c.in.Turns = append([]assistant.Turn(nil), c.in.Turns[over:]...)
	}
}

// turnWorkflowID names turn n's Run workflow: stable, so a caller can await
// it, and unique to this conversation instance (the epoch, its first run
// ID) even when its key is reused after it ended. Keys have no '/', so no
// key names another conversation's turns.
func (c *conversation) turnWorkflowID(n int) string {
	return fmt.Sprintf("%s/%s/turn-%d", c.workflowID, c.in.Epoch, n)
}

// showDetails is the conversation's position in the UI.
func (c *conversation) showDetails(ctx workflow.Context) {
	details := fmt.Sprintf("turns: %d · queued: %d", c.in.TurnCount, len(c.in.Queue))
	if c.running > 0 {
		details += fmt.Sprintf("\nrunning: turn %d (%s)", c.running, c.turnWorkflowID(c.running))
	}
	if c.in.ThreadID != "" {
		details += "\nthread: " + c.in.ThreadID
	}
	if c.reason != "" {
		details += "\nended: " + c.reason
	}
	workflow.SetCurrentDetails(ctx, details)
}
