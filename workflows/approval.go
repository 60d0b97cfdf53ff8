package workflows

import (
	"fmt"
	"strings"
	"time"

	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// defaultApprovalWait bounds the wait for a decision when the run has no
// expires_at; the Assistants API expires a requires_action run after 10 min.
const defaultApprovalWait = 10 * time.Minute

// maxReasonBytes caps the reason a human gives; it goes to the model.
const maxReasonBytes = 1 << 10

// verdict is a decision once made: approved or not, and why.
type verdict struct {
	approved bool
	reason   string
}

// setApprovalHandlers registers the approve and deny Updates. Their
// validators reject a call ID that is not waiting, so a late or mistyped
// decision fails at the caller and never reaches history.
func (r *runner) setApprovalHandlers(ctx workflow.Context) error {
	for _, name := range []string{assistant.UpdateApprove, assistant.UpdateDeny} {
		approved := name == assistant.UpdateApprove
		err := workflow.SetUpdateHandlerWithOptions(ctx, name,
			func(ctx workflow.Context, d assistant.Decision) error {
				r.decisions[d.ToolCallID] = verdict{approved: approved, reason: d.Reason}
				return nil
			},
			workflow.UpdateHandlerOptions{Validator: r.validateDecision})
		if err != nil {
			return err
		}
	}
	return nil
}

func (r *runner) validateDecision(_ workflow.Context, d assistant.Decision) error {
	if strings.TrimSpace(d.ToolCallID) == "" {
		return fmt.Errorf("tool_call_id is empty")
	}
	if len(d.Reason) > maxReasonBytes {
		return fmt.Errorf("reason is %d bytes; the limit is %d", len(d.Reason), maxReasonBytes)
	}
	for _, p := range r.state.PendingApprovals {
		if p.ToolCallID == d.ToolCallID {
			if _, done := r.decisions[d.ToolCallID]; done {
				return fmt.Errorf("tool_call_id %q is already decided", d.ToolCallID)
			}
			return nil
		}
	}
	return fmt.Errorf("tool_call_id %q is not waiting for approval", d.ToolCallID)
}

// awaitApproval parks one call until a human decides or the run's expiry
// budget runs out (then it is denied: an undecided call must not outlive the
// run, and the model must hear why it got no result).
func (r *runner) awaitApproval(ctx workflow.Context, tc assistant.ToolCall, expiresAt int64) verdict {
	wait := defaultApprovalWait
	if expiresAt > 0 {
		// Leave the tool its own timeout and the submit its margin.
		toolTime := tc.Policy.Timeout
		if toolTime <= 0 {
			toolTime = defaultToolTimeout
		}
		wait = time.Unix(expiresAt, 0).Sub(workflow.Now(ctx)) - submitMargin - toolTime
	}
	r.state.PendingApprovals = append(r.state.PendingApprovals, assistant.PendingApproval{
		ToolCallID: tc.ID, Name: tc.Name, Arguments: tc.Arguments, Deadline: workflow.Now(ctx).Add(wait),
	})
	defer r.dropPending(tc.ID)
	var decided bool
	if wait > 0 {
		decided, _ = workflow.AwaitWithTimeout(ctx, wait, func() bool {
			_, ok := r.decisions[tc.ID]
			return ok
		})
	}
	if !decided {
		return verdict{reason: "no one approved it before the run's deadline"}
	}
	return r.decisions[tc.ID]
}

// dropPending forgets a call that is no longer waiting, and its decision.
func (r *runner) dropPending(id string) {
	delete(r.decisions, id)
	kept := r.state.PendingApprovals[:0]
	for _, p := range r.state.PendingApprovals {
		if p.ToolCallID != id {
			kept = append(kept, p)
		}
	}
	r.state.PendingApprovals = kept
}

// deniedOutput tells the model the call did not run and why.
func deniedOutput(tc assistant.ToolCall, v verdict) assistant.ToolOutput {
	msg := "the user denied this call of " + tc.Name
	if v.reason != "" {
		msg += ": " + v.reason
	}
	return assistant.ToolOutput{ToolCallID: tc.ID, Output: errorOutput(msg), IsError: true}
}
