package workflows

import (
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// Search attributes of Run and Conversation workflows (DESIGN.md §7), prefixed
// "Da" so they do not clash with other applications' in the namespace. They
// hold IDs and enums only: Temporal stores them unencrypted.
var (
	SearchAttrAssistantID = temporal.NewSearchAttributeKeyKeyword("DaAssistantId")
	SearchAttrThreadID    = temporal.NewSearchAttributeKeyKeyword("DaThreadId")
	SearchAttrRunID       = temporal.NewSearchAttributeKeyKeyword("DaRunId")
	SearchAttrRunStatus   = temporal.NewSearchAttributeKeyKeyword("DaRunStatus")
	SearchAttrTotalTokens = temporal.NewSearchAttributeKeyInt64("DaTotalTokens")
)

// SearchAttributeTypes names every search attribute the workflows use, with
// its type, for registration on a namespace.
func SearchAttributeTypes() map[string]enumspb.IndexedValueType {
	return map[string]enumspb.IndexedValueType{
		SearchAttrAssistantID.GetName(): enumspb.INDEXED_VALUE_TYPE_KEYWORD,
		SearchAttrThreadID.GetName():    enumspb.INDEXED_VALUE_TYPE_KEYWORD,
		SearchAttrRunID.GetName():       enumspb.INDEXED_VALUE_TYPE_KEYWORD,
		SearchAttrRunStatus.GetName():   enumspb.INDEXED_VALUE_TYPE_KEYWORD,
		SearchAttrTotalTokens.GetName(): enumspb.INDEXED_VALUE_TYPE_INT,
	}
}

// AllSearchAttributes holds every key with a placeholder value: what a dev
// server needs to register them (only names and types count).
func AllSearchAttributes() temporal.SearchAttributes {
	return temporal.NewSearchAttributes(
		SearchAttrAssistantID.ValueSet(""), SearchAttrThreadID.ValueSet(""),
		SearchAttrRunID.ValueSet(""), SearchAttrRunStatus.ValueSet(""),
		SearchAttrTotalTokens.ValueSet(0),
	)
}

// StartSearchAttributes are the attributes a Run or Conversation starts
// with: what is known before any API call.
func StartSearchAttributes(assistantID, threadID string) temporal.SearchAttributes {
	updates := []temporal.SearchAttributeUpdate{SearchAttrAssistantID.ValueSet(assistantID)}
	if threadID != "" {
		updates = append(updates, SearchAttrThreadID.ValueSet(threadID))
	}
	return temporal.NewSearchAttributes(updates...)
}

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
		u = append(u, SearchAttrThreadID.ValueSet(st.ThreadID))
	}
	if st.RunID != "" && st.RunID != s.runID {
		s.runID = st.RunID
		u = append(u, SearchAttrRunID.ValueSet(st.RunID))
	}
	// queued <-> in_progress is not worth an event: the status shown moves
	// on when the run leaves the pending statuses.
	if st.Status != "" && st.Status != s.status && !(waiting(st.Status) && waiting(s.status)) {
		s.status = st.Status
		u = append(u, SearchAttrRunStatus.ValueSet(string(st.Status)))
	}
	if st.Usage.TotalTokens > 0 && st.Usage.TotalTokens != s.tokens {
		s.tokens = st.Usage.TotalTokens
		u = append(u, SearchAttrTotalTokens.ValueSet(st.Usage.TotalTokens))
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
