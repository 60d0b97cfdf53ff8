package assistant

// QueryState is the query that returns a Run workflow's RunView.
const QueryState = "state"

// Phase is the run state machine's position.
type Phase string

// The phases of a Run, in the order a run meets them.
const (
	PhaseCreatingThread Phase = "creating_thread"
	PhaseStarting       Phase = "starting_run"
	PhaseWaiting        Phase = "waiting"
	PhaseStreaming      Phase = "streaming"
	PhaseCallingTools   Phase = "calling_tools"
	PhaseSubmitting     Phase = "submitting_tool_outputs"
	PhaseCancelling     Phase = "cancelling"
	PhaseDone           Phase = "done"
)

// RunView is what the state query returns: where the run is, for UIs and the
// starter's live status line.
type RunView struct {
	Phase        Phase     `json:"phase"`
	ThreadID     string    `json:"thread_id,omitempty"`
	APIRunID     string    `json:"run_id,omitempty"`
	Status       RunStatus `json:"status,omitempty"`
	PendingTools []string  `json:"pending_tools,omitempty"`
	// PendingApprovals are the tool calls parked until a human approves or
	// denies them (Updates UpdateApprove / UpdateDeny).
	PendingApprovals []PendingApproval `json:"pending_approvals,omitempty"`
	ToolRounds       int               `json:"tool_rounds"`
	// Text is the reply so far while the run streams. The query never sets
	// it (deltas stay out of history); client.Run.State overlays it from the
	// streaming activity's heartbeat details.
	Text string `json:"text,omitempty"`
}
