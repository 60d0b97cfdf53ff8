package client

import (
	"context"
	"fmt"

	tclient "go.temporal.io/sdk/client"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// Approval is a tool call waiting for a human in a conversation's running
// turn (or in a run), with the workflow that waits.
type Approval struct {
	assistant.PendingApproval
	WorkflowID string `json:"workflow_id"`
}

// PendingApprovals lists the tool calls of the conversation's running turn
// that wait for approval; none when no turn runs.
func (cv *Conversations) PendingApprovals(ctx context.Context, key string) ([]Approval, error) {
	id, err := cv.runningTurn(ctx, key)
	if err != nil || id == "" {
		return nil, err
	}
	return cv.c.GetRun(id, "").PendingApprovals(ctx)
}

// Approve lets the parked tool call run.
func (cv *Conversations) Approve(ctx context.Context, key, toolCallID string) error {
	return cv.decide(ctx, key, assistant.UpdateApprove, assistant.Decision{ToolCallID: toolCallID})
}

// Deny answers the parked tool call, without running it, with an output
// telling the model it was denied (and why, when reason is not empty).
func (cv *Conversations) Deny(ctx context.Context, key, toolCallID, reason string) error {
	return cv.decide(ctx, key, assistant.UpdateDeny, assistant.Decision{ToolCallID: toolCallID, Reason: reason})
}

func (cv *Conversations) decide(ctx context.Context, key, update string, d assistant.Decision) error {
	id, err := cv.runningTurn(ctx, key)
	if err != nil {
		return err
	}
	if id == "" {
		return fmt.Errorf("conversation %q has no running turn; tool_call_id %q is not waiting", key, d.ToolCallID)
	}
	return cv.c.GetRun(id, "").decide(ctx, update, d)
}

// runningTurn is the workflow ID of the running turn, "" between turns.
func (cv *Conversations) runningTurn(ctx context.Context, key string) (string, error) {
	st, err := cv.History(ctx, key)
	if err != nil {
		return "", err
	}
	for _, t := range st.Turns {
		if t.Status == assistant.TurnRunning {
			return t.WorkflowID, nil
		}
	}
	return "", nil
}

// PendingApprovals lists the run's tool calls waiting for approval.
func (r *Run) PendingApprovals(ctx context.Context) ([]Approval, error) {
	st, err := r.State(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Approval, len(st.PendingApprovals))
	for i, p := range st.PendingApprovals {
		out[i] = Approval{PendingApproval: p, WorkflowID: r.WorkflowID}
	}
	return out, nil
}

// Approve lets the run's parked tool call run.
func (r *Run) Approve(ctx context.Context, toolCallID string) error {
	return r.decide(ctx, assistant.UpdateApprove, assistant.Decision{ToolCallID: toolCallID})
}

// Deny answers the run's parked tool call with a denial, without running it.
func (r *Run) Deny(ctx context.Context, toolCallID, reason string) error {
	return r.decide(ctx, assistant.UpdateDeny, assistant.Decision{ToolCallID: toolCallID, Reason: reason})
}

func (r *Run) decide(ctx context.Context, update string, d assistant.Decision) error {
	h, err := r.c.tc.UpdateWorkflow(ctx, tclient.UpdateWorkflowOptions{
		WorkflowID:   r.WorkflowID,
		RunID:        r.WorkflowRunID,
		UpdateName:   update,
		Args:         []any{d},
		WaitForStage: tclient.WorkflowUpdateStageCompleted,
	})
	if err == nil {
		err = h.Get(ctx, nil)
	}
	if err != nil {
		return fmt.Errorf("%s tool call %q: %w", update, d.ToolCallID, err)
	}
	return nil
}
