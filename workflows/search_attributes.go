package workflows

import (
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// versionSearchAttributes guards the upserts: a workflow that was running
// before they existed replays without them.
const versionSearchAttributes = "search-attributes"

// searchAttrs upserts a workflow's search attributes when, and only when,
// a value changed: each upsert is a history event.
type searchAttrs struct {
	checked, enabled bool
	threadID, runID  string
	status           assistant.RunStatus
	tokens           int64
}

// on reports whether this execution upserts (decided once, at its first use).
func (s *searchAttrs) on(ctx workflow.Context) bool {
	if !s.checked {
		s.checked = true
		s.enabled = workflow.GetVersion(ctx, versionSearchAttributes, workflow.DefaultVersion, 1) >= 1
	}
	return s.enabled
}

// observe upserts the run's IDs, status and total tokens that changed.
func (s *searchAttrs) observe(ctx workflow.Context, st assistant.RunState) {
	var u []temporal.SearchAttributeUpdate
	if st.ThreadID != "" && st.ThreadID != s.threadID {
		s.threadID = st.ThreadID
		u = append(u, assistant.SearchAttrThreadID.ValueSet(st.ThreadID))
	}
	if st.APIRunID != "" && st.APIRunID != s.runID {
		s.runID = st.APIRunID
		u = append(u, assistant.SearchAttrAPIRunID.ValueSet(st.APIRunID))
	}
	// queued <-> in_progress is not worth an event: the status shown moves
	// on when the run leaves the pending statuses.
	if st.Status != "" && st.Status != s.status && !(waiting(st.Status) && waiting(s.status)) {
		s.status = st.Status
		u = append(u, assistant.SearchAttrRunStatus.ValueSet(string(st.Status)))
	}
	if st.Usage.TotalTokens > 0 && st.Usage.TotalTokens != s.tokens {
		s.tokens = st.Usage.TotalTokens
		u = append(u, assistant.SearchAttrTotalTokens.ValueSet(st.Usage.TotalTokens))
	}
	if len(u) == 0 || !s.on(ctx) {
		return
	}
	if err := workflow.UpsertTypedSearchAttributes(ctx, u...); err != nil {
		workflow.GetLogger(ctx).Warn("Search attributes not updated", "Error", err)
	}
}

// waiting is a run the model has not picked up or not finished thinking on.
func waiting(s assistant.RunStatus) bool {
	return s == assistant.StatusQueued || s == assistant.StatusInProgress
}
