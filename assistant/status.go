// Package assistant holds the wire-neutral domain types shared by every other
// package: run statuses, tool calls and outputs, usage, run requests and
// results, and the names and search-attribute keys clients use. Of Temporal it
// imports only the API enums and the SDK's temporal package (search-attribute
// keys), and nothing of the model API, so that the client, workflows and
// activities all depend on it without a cycle.
package assistant

import "fmt"

// RunStatus is the lifecycle status of a run, as the Assistants API names it.
type RunStatus string

// The nine run statuses of the Assistants API (RunObject.status in the spec).
const (
	StatusQueued         RunStatus = "queued"
	StatusInProgress     RunStatus = "in_progress"
	StatusRequiresAction RunStatus = "requires_action"
	StatusCancelling     RunStatus = "cancelling"
	StatusCancelled      RunStatus = "cancelled"
	StatusFailed         RunStatus = "failed"
	StatusCompleted      RunStatus = "completed"
	StatusIncomplete     RunStatus = "incomplete"
	StatusExpired        RunStatus = "expired"
)

// Known reports whether s is one of the nine statuses.
func (s RunStatus) Known() bool {
	switch s {
	case StatusQueued, StatusInProgress, StatusRequiresAction, StatusCancelling,
		StatusCancelled, StatusFailed, StatusCompleted, StatusIncomplete, StatusExpired:
		return true
	}
	return false
}

// Terminal reports whether a run in status s can no longer change.
func (s RunStatus) Terminal() bool {
	switch s {
	case StatusCancelled, StatusFailed, StatusCompleted, StatusIncomplete, StatusExpired:
		return true
	}
	return false
}

// Pending reports whether the model is still working (the waiter keeps waiting).
func (s RunStatus) Pending() bool {
	return s == StatusQueued || s == StatusInProgress || s == StatusCancelling
}

// ParseStatus converts a wire status, failing loudly on one it does not know.
func ParseStatus(s string) (RunStatus, error) {
	st := RunStatus(s)
	if !st.Known() {
		return "", fmt.Errorf("unknown run status %q", s)
	}
	return st, nil
}
