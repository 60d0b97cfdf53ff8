package activities

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// AssistantStore is the assistant objects of a protocol: the Assistants
// API's assistants, or the responses protocol's profiles (read-only).
type AssistantStore interface {
	GetAssistant(ctx context.Context, id string) (StoredAssistant, error)
	// ListAssistants returns a page, newest first, after the assistant
	// with ID after ("" from the start).
	ListAssistants(ctx context.Context, limit int, after string) (page []StoredAssistant, hasMore bool, err error)
	// SaveAssistant creates (id "") or updates an assistant to spec, with
	// meta as its whole metadata and, when tools is non-nil, those tools.
	SaveAssistant(ctx context.Context, id string, spec assistant.AssistantSpec, meta map[string]string, tools []assistant.ToolDefinition) (StoredAssistant, error)
	DeleteAssistant(ctx context.Context, id string) error
	// IsAssistantID tells an ID from a name (resolve reads an ID as is and
	// searches for a name); profiles are named by their IDs.
	IsAssistantID(s string) bool
}

// StoredAssistant is an assistant with what apply compares.
type StoredAssistant struct {
	Info assistant.AssistantInfo
	// Functions is the canonical JSON of its function tools (ToolsKey).
	Functions string
}

// ToolsKey is a canonical form of function definitions, sorted by name:
// two sets of tools are the same when their keys are equal. Parameters are
// compared as JSON (encoding/json sorts object keys).
func ToolsKey(defs []assistant.ToolDefinition) string {
	defs = slices.Clone(defs)
	slices.SortFunc(defs, func(a, b assistant.ToolDefinition) int {
		switch {
		case a.Name < b.Name:
			return -1
		case a.Name > b.Name:
			return 1
		}
		return 0
	})
	if len(defs) == 0 {
		return "[]"
	}
	raw, _ := json.Marshal(defs) // maps, strings and bools: cannot fail
	return string(raw)
}
