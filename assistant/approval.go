package assistant

import "time"

// Updates on a Run workflow that decide a tool call parked for approval.
const (
	UpdateApprove = "approve"
	UpdateDeny    = "deny"
)

// Decision approves or denies one parked tool call, named by its ID.
type Decision struct {
	ToolCallID string `json:"tool_call_id"`
	// Reason is told to the model with a denial (optional).
	Reason string `json:"reason,omitempty"`
}

// PendingApproval is a tool call waiting for a human, as the state query
// shows it.
type PendingApproval struct {
	ToolCallID string `json:"tool_call_id"`
	Name       string `json:"name"`
	Arguments  string `json:"arguments"`
	// Deadline is when the call is denied unless decided first.
	Deadline time.Time `json:"deadline"`
}
