package responsesapi

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// GetAssistant implements activities.AssistantStore: a profile, named by its ID.
func (b *Backend) GetAssistant(_ context.Context, id string) (activities.StoredAssistant, error) {
	p, err := b.profile(id)
	if err != nil {
		return activities.StoredAssistant{}, err
	}
	return b.storedProfile(id, p), nil
}

// ListAssistants implements activities.AssistantStore: the profiles, by name.
func (b *Backend) ListAssistants(_ context.Context, limit int, after string) ([]activities.StoredAssistant, bool, error) {
	names := slices.Sorted(maps.Keys(b.profiles))
	if after != "" {
		i, found := slices.BinarySearch(names, after)
		if found {
			i++
		}
		names = names[i:]
	}
	more := len(names) > limit
	if more {
		names = names[:limit]
	}
	out := make([]activities.StoredAssistant, len(names))
	for i, n := range names {
		out[i] = b.storedProfile(n, b.profiles[n])
	}
	return out, more, nil
}

func (b *Backend) storedProfile(name string, p assistant.Profile) activities.StoredAssistant {
	info := assistant.AssistantInfo{ID: name, Name: name, Model: p.Model, Instructions: p.Instructions}
	for _, t := range b.tools() {
		info.Tools = append(info.Tools, t.Name)
	}
	return activities.StoredAssistant{Info: info}
}

// SaveAssistant implements activities.AssistantStore: profiles are configuration.
func (b *Backend) SaveAssistant(context.Context, string, assistant.AssistantSpec, map[string]string, []assistant.ToolDefinition) (activities.StoredAssistant, error) {
	return activities.StoredAssistant{}, profilesReadOnly("create or update")
}

// IsAssistantID implements activities.AssistantStore: a profile's name is
// its ID.
func (b *Backend) IsAssistantID(string) bool { return true }

// DeleteAssistant implements activities.AssistantStore: profiles are configuration.
func (b *Backend) DeleteAssistant(context.Context, string) error {
	return profilesReadOnly("delete")
}

func profilesReadOnly(what string) error {
	return temporal.NewNonRetryableApplicationError(fmt.Sprintf(
		"%s assistant: the responses protocol has no assistant objects; its assistants are the profiles of "+
			"ASSISTANT_PROFILES (and \"default\"), changed in the worker's configuration", what),
		assistant.ErrorTypeInvalidInput, nil)
}

// Backend serves its profiles as assistants.
var _ activities.AssistantStore = (*Backend)(nil)
