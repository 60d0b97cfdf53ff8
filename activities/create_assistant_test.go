package activities_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/tools"
)

func TestCreateAssistantOffersRegistryTools(t *testing.T) {
	h := newHarness(t, harnessConfig{Tools: []tools.Tool{noteTool()}})

	var id string
	require.NoError(t, h.exec(&id, h.acts.CreateAssistant, assistant.CreateAssistantInput{
		Name: "helper", Model: "gpt-4o", Instructions: "Be brief.",
		Tools: []assistant.ToolDefinition{{Name: "smuggled"}}, // ignored: the registry decides
	}))

	a, err := h.client.Beta.Assistants.Get(context.Background(), id)
	require.NoError(t, err)
	require.Equal(t, "helper", a.Name)
	require.Equal(t, "gpt-4o", a.Model)
	require.Equal(t, "Be brief.", a.Instructions)
	var names []string
	for _, tool := range a.Tools {
		require.Equal(t, "function", tool.Type)
		names = append(names, tool.Function.Name)
		def := findDefinition(t, h.reg, tool.Function.Name)
		require.Equal(t, def.Description, tool.Function.Description)
		require.Equal(t, def.Strict, tool.Function.Strict)
		require.JSONEq(t, mustJSON(t, def.Parameters), mustJSON(t, tool.Function.Parameters), tool.Function.Name)
	}
	slices.Sort(names)
	require.Equal(t, h.reg.Names(), names)
	require.Contains(t, names, "take_note")
	require.Equal(t, 1, h.srv.Stats().Requests["POST /v1/assistants"])
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

func findDefinition(t *testing.T, reg *tools.Registry, name string) assistant.ToolDefinition {
	t.Helper()
	for _, d := range reg.Definitions() {
		if d.Name == name {
			return d
		}
	}
	t.Fatalf("tool %q is not in the registry", name)
	return assistant.ToolDefinition{}
}

func TestCreateAssistantRejectsEmptyModel(t *testing.T) {
	for _, model := range []string{"", "  "} {
		t.Run("model="+model, func(t *testing.T) {
			h := newHarness(t, harnessConfig{})

			err := h.exec(nil, h.acts.CreateAssistant, assistant.CreateAssistantInput{Name: "x", Model: model})

			app := appError(t, err)
			require.Equal(t, assistant.ErrorTypeInvalidInput, app.Type())
			require.True(t, app.NonRetryable())
			require.Contains(t, app.Error(), "model")
			require.Zero(t, h.srv.Stats().Requests["POST /v1/assistants"], "nothing sent")
		})
	}
}
