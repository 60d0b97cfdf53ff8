package assistantsapi

import (
	"context"
	"strings"

	"github.com/openai/openai-go/v3"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// GetAssistant implements activities.AssistantStore.
func (b *Backend) GetAssistant(ctx context.Context, id string) (activities.StoredAssistant, error) {
	a, err := b.client.Beta.Assistants.Get(ctx, id)
	if err != nil {
		return activities.StoredAssistant{}, err
	}
	return storedAssistant(a), nil
}

// ListAssistants implements activities.AssistantStore.
func (b *Backend) ListAssistants(ctx context.Context, limit int, after string) ([]activities.StoredAssistant, bool, error) {
	params := openai.BetaAssistantListParams{Limit: openai.Int(int64(limit)), Order: openai.BetaAssistantListParamsOrderDesc}
	if after != "" {
		params.After = openai.String(after)
	}
	page, err := b.client.Beta.Assistants.List(ctx, params)
	if err != nil {
		return nil, false, err
	}
	out := make([]activities.StoredAssistant, len(page.Data))
	for i := range page.Data {
		out[i] = storedAssistant(&page.Data[i])
	}
	return out, page.HasMore, nil
}

// SaveAssistant implements activities.AssistantStore.
func (b *Backend) SaveAssistant(ctx context.Context, id string, spec assistant.AssistantSpec, meta map[string]string, tools []assistant.ToolDefinition) (activities.StoredAssistant, error) {
	if id == "" {
		params := openai.BetaAssistantNewParams{Model: spec.Model, Name: openai.String(spec.Name), Metadata: meta,
			Instructions: openai.String(spec.Instructions), Tools: append(assistantTools(tools), builtinTools(spec.BuiltinTools)...)}
		if r := spec.ToolResources; r != nil {
			if r.CodeInterpreter != nil {
				params.ToolResources.CodeInterpreter.FileIDs = nonNil(r.CodeInterpreter.FileIDs)
			}
			if r.FileSearch != nil {
				params.ToolResources.FileSearch.VectorStoreIDs = nonNil(r.FileSearch.VectorStoreIDs)
			}
		}
		a, err := b.client.Beta.Assistants.New(ctx, params)
		if err != nil {
			return activities.StoredAssistant{}, err
		}
		return storedAssistant(a), nil
	}
	params := openai.BetaAssistantUpdateParams{Metadata: meta}
	if spec.Name != "" {
		params.Name = openai.String(spec.Name)
	}
	if spec.Model != "" {
		params.Model = openai.BetaAssistantUpdateParamsModel(spec.Model)
	}
	if spec.Instructions != "" {
		params.Instructions = openai.String(spec.Instructions)
	}
	if tools != nil {
		params.Tools = append(assistantTools(tools), builtinTools(spec.BuiltinTools)...)
	}
	if r := spec.ToolResources; r != nil {
		if r.CodeInterpreter != nil {
			params.ToolResources.CodeInterpreter.FileIDs = nonNil(r.CodeInterpreter.FileIDs)
		}
		if r.FileSearch != nil {
			params.ToolResources.FileSearch.VectorStoreIDs = nonNil(r.FileSearch.VectorStoreIDs)
		}
	}
	a, err := b.client.Beta.Assistants.Update(ctx, id, params)
	if err != nil {
		return activities.StoredAssistant{}, err
	}
	return storedAssistant(a), nil
}

// IsAssistantID implements activities.AssistantStore: assistant IDs start
// with asst_ (Azure OpenAI and Foundry agents alike).
func (b *Backend) IsAssistantID(s string) bool { return strings.HasPrefix(s, "asst_") }

// DeleteAssistant implements activities.AssistantStore.
func (b *Backend) DeleteAssistant(ctx context.Context, id string) error {
	_, err := b.client.Beta.Assistants.Delete(ctx, id)
	return err
}

// storedAssistant translates a wire assistant.
func storedAssistant(a *openai.Assistant) activities.StoredAssistant {
	info := assistant.AssistantInfo{ID: a.ID, Name: a.Name, Model: a.Model, Instructions: a.Instructions,
		Metadata: map[string]string(a.Metadata), CreatedAt: a.CreatedAt}
	var defs []assistant.ToolDefinition
	for _, t := range a.Tools {
		if t.Type == assistant.ToolCodeInterpreter || t.Type == assistant.ToolFileSearch {
			info.BuiltinTools = append(info.BuiltinTools, t.Type)
		}
		if t.Type != "function" {
			continue
		}
		info.Tools = append(info.Tools, t.Function.Name)
		params := map[string]any(t.Function.Parameters)
		defs = append(defs, assistant.ToolDefinition{Name: t.Function.Name, Description: t.Function.Description,
			Parameters: params, Strict: t.Function.Strict})
	}
	info.ToolResources = assistantResources(a)
	return activities.StoredAssistant{Info: info, Functions: activities.ToolsKey(defs)}
}

// Backend keeps assistants.
var _ activities.AssistantStore = (*Backend)(nil)
