package assistant

import (
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/temporal"
)

// Search attributes of Run and Conversation workflows
// (docs/design.md#seen-in-the-temporal-ui), prefixed "Da" so they do not
// clash with other applications' in the namespace. They hold IDs and enums
// only: Temporal stores them unencrypted.
var (
	SearchAttrAssistantID = temporal.NewSearchAttributeKeyKeyword("DaAssistantId")
	SearchAttrThreadID    = temporal.NewSearchAttributeKeyKeyword("DaThreadId")
	SearchAttrAPIRunID    = temporal.NewSearchAttributeKeyKeyword("DaRunId")
	SearchAttrRunStatus   = temporal.NewSearchAttributeKeyKeyword("DaRunStatus")
	SearchAttrTotalTokens = temporal.NewSearchAttributeKeyInt64("DaTotalTokens")
)

// SearchAttributeTypes names every search attribute the workflows use, with
// its type, for registration on a namespace.
func SearchAttributeTypes() map[string]enumspb.IndexedValueType {
	return map[string]enumspb.IndexedValueType{
		SearchAttrAssistantID.GetName(): enumspb.INDEXED_VALUE_TYPE_KEYWORD,
		SearchAttrThreadID.GetName():    enumspb.INDEXED_VALUE_TYPE_KEYWORD,
		SearchAttrAPIRunID.GetName():    enumspb.INDEXED_VALUE_TYPE_KEYWORD,
		SearchAttrRunStatus.GetName():   enumspb.INDEXED_VALUE_TYPE_KEYWORD,
		SearchAttrTotalTokens.GetName(): enumspb.INDEXED_VALUE_TYPE_INT,
	}
}

// AllSearchAttributes holds every key with a placeholder value: what a dev
// server needs to register them (only names and types count).
func AllSearchAttributes() temporal.SearchAttributes {
	return temporal.NewSearchAttributes(
		SearchAttrAssistantID.ValueSet(""), SearchAttrThreadID.ValueSet(""),
		SearchAttrAPIRunID.ValueSet(""), SearchAttrRunStatus.ValueSet(""),
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
