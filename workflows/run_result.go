package workflows

import (
	"fmt"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// result builds the Result of a run that reached a terminal status.
func (r *runner) result(st assistant.RunState) assistant.Result {
	res := assistant.Result{
		ThreadID:  st.ThreadID,
		APIRunID:  st.APIRunID,
		Status:    st.Status,
		Usage:     st.Usage,
		ToolCalls: r.called,
		Error:     st.LastError,
	}
	res.ToolCallsOmitted = r.omitted
	res.Steps, res.StepsOmitted = r.recordedSteps()
	res.FileIDs = r.req.FileIDs()
	if st.Reply != nil {
		res.Reply, res.Annotations = st.Reply.Text, st.Reply.Annotations
	}
	if res.Error == nil && st.Status != assistant.StatusCompleted {
		res.Error = statusError(st)
	}
	return res
}

// statusError explains a run that ended without completing when the API gave
// no last_error (expired, incomplete, cancelled).
func statusError(st assistant.RunState) *assistant.RunError {
	switch st.Status {
	case assistant.StatusExpired:
		return &assistant.RunError{Code: "expired", Message: fmt.Sprintf("run %s expired before it completed (tool outputs not submitted in time)", st.APIRunID)}
	case assistant.StatusIncomplete:
		reason := st.IncompleteReason
		if reason == "" {
			reason = "unknown"
		}
		return &assistant.RunError{Code: "incomplete", Message: fmt.Sprintf("run %s ended incomplete: %s", st.APIRunID, reason)}
	case assistant.StatusCancelled:
		return &assistant.RunError{Code: "cancelled", Message: fmt.Sprintf("run %s was cancelled", st.APIRunID)}
	default:
		return &assistant.RunError{Code: string(st.Status), Message: fmt.Sprintf("run %s ended %s", st.APIRunID, st.Status)}
	}
}
