package activities

import (
	"context"
	"fmt"
	"maps"

	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// applySearchPages bounds the search of apply and resolve by name: 10 pages
// of 100, the newest 1,000 assistants.
const applySearchPages = 10

// ManageAssistants runs one operation of the Assistants workflow: assistants
// as code (apply), get, list, update, delete, and resolve a name to an ID.
func (a *Activities) ManageAssistants(ctx context.Context, in assistant.AssistantsInput) (assistant.AssistantsResult, error) {
	if err := in.Validate(); err != nil {
		return assistant.AssistantsResult{}, temporal.NewNonRetryableApplicationError(err.Error(), assistant.ErrorTypeInvalidInput, nil)
	}
	store, ok := a.api.(AssistantStore)
	if !ok {
		return assistant.AssistantsResult{}, temporal.NewNonRetryableApplicationError(
			"this protocol backend keeps no assistants", assistant.ErrorTypeInvalidInput, nil)
	}
	res, err := a.manage(ctx, store, in)
	if err != nil {
		return assistant.AssistantsResult{}, classify(string(in.Op)+" assistant", err)
	}
	return res, nil
}

func (a *Activities) manage(ctx context.Context, store AssistantStore, in assistant.AssistantsInput) (assistant.AssistantsResult, error) {
	switch in.Op {
	case assistant.OpApply:
		return a.apply(ctx, store, in.Spec)
	case assistant.OpGet:
		s, err := store.GetAssistant(ctx, in.ID)
		return found(s), err
	case assistant.OpList:
		limit := in.Limit
		if limit == 0 {
			limit = 20
		}
		page, more, err := store.ListAssistants(ctx, limit, in.After)
		res := assistant.AssistantsResult{HasMore: more}
		for _, s := range page {
			res.Assistants = append(res.Assistants, s.Info)
		}
		if more && len(page) > 0 {
			res.Next = page[len(page)-1].Info.ID
		}
		return res, err
	case assistant.OpUpdate:
		return a.update(ctx, store, in)
	case assistant.OpDelete:
		return assistant.AssistantsResult{Action: "deleted"}, store.DeleteAssistant(ctx, in.ID)
	}
	return a.resolve(ctx, store, in.ID)
}

func found(s StoredAssistant) assistant.AssistantsResult {
	return assistant.AssistantsResult{Assistant: &s.Info}
}

// apply finds the assistant by name and brings it to spec with the
// registered tools, or creates it. A retry whose create was lost finds the
// assistant created by name and reports it unchanged: never a second one.
func (a *Activities) apply(ctx context.Context, store AssistantStore, spec assistant.AssistantSpec) (assistant.AssistantsResult, error) {
	tools := a.tools.Definitions()
	cur, ok, err := findByName(ctx, store, spec.Name)
	if err != nil {
		return assistant.AssistantsResult{}, err
	}
	if !ok {
		s, err := store.SaveAssistant(ctx, "", spec, map[string]string{assistant.MetadataKeyName: spec.Name}, tools)
		return withAction(s, "created"), err
	}
	info := cur.Info
	if info.Name == spec.Name && info.Model == spec.Model && info.Instructions == spec.Instructions &&
		cur.Functions == ToolsKey(tools) && builtinsMatch(info, spec) && info.Metadata[assistant.MetadataKeyName] == spec.Name {
		return withAction(cur, "unchanged"), nil
	}
	meta := maps.Clone(info.Metadata)
	if meta == nil {
		meta = map[string]string{}
	}
	meta[assistant.MetadataKeyName] = spec.Name
	s, err := store.SaveAssistant(ctx, info.ID, spec, meta, tools)
	return withAction(s, "updated"), err
}

func withAction(s StoredAssistant, action string) assistant.AssistantsResult {
	return assistant.AssistantsResult{Assistant: &s.Info, Action: action}
}

// update changes the fields given; Spec.Tools sets the registered tools.
func (a *Activities) update(ctx context.Context, store AssistantStore, in assistant.AssistantsInput) (assistant.AssistantsResult, error) {
	var tools []assistant.ToolDefinition
	if in.Spec.Tools {
		tools = a.tools.Definitions()
	}
	s, err := store.SaveAssistant(ctx, in.ID, in.Spec, nil, tools)
	return withAction(s, "updated"), err
}

// resolve returns an assistant ID as is, and the ID of the assistant a name
// names (on the responses protocol, the profile of that name).
func (a *Activities) resolve(ctx context.Context, store AssistantStore, nameOrID string) (assistant.AssistantsResult, error) {
	if store.IsAssistantID(nameOrID) {
		s, err := store.GetAssistant(ctx, nameOrID)
		return found(s), err
	}
	s, ok, err := findByName(ctx, store, nameOrID)
	if err == nil && !ok {
		err = temporal.NewNonRetryableApplicationError(fmt.Sprintf(
			"no assistant is named %q (searched the newest %d; `starter assistant apply` creates it)", nameOrID, applySearchPages*assistant.MaxListLimit),
			assistant.ErrorTypeNotFound, nil)
	}
	return found(s), err
}

// findByName finds the newest assistant whose da_name metadata is name, else
// the newest whose name is name, among the newest applySearchPages pages.
func findByName(ctx context.Context, store AssistantStore, name string) (StoredAssistant, bool, error) {
	var byName *StoredAssistant
	after := ""
	for range applySearchPages {
		page, more, err := store.ListAssistants(ctx, assistant.MaxListLimit, after)
		if err != nil {
			return StoredAssistant{}, false, err
		}
		for i := range page {
			if page[i].Info.Metadata[assistant.MetadataKeyName] == name {
				return page[i], true, nil
			}
			if byName == nil && page[i].Info.Name == name {
				byName = &page[i]
			}
		}
		if !more || len(page) == 0 {
			break
		}
		after = page[len(page)-1].Info.ID
	}
	if byName != nil {
		return *byName, true, nil
	}
	return StoredAssistant{}, false, nil
}
