package activities

import (
	"context"
	"strings"

	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/tools"
)

// CreateAssistant creates an assistant that offers every tool registered on
// this worker. It runs on the worker so the API key never leaves it.
func (a *Activities) CreateAssistant(ctx context.Context, in CreateAssistantInput) (string, error) {
	if strings.TrimSpace(in.Model) == "" {
		return "", temporal.NewNonRetryableApplicationError("create assistant: model is empty", ErrInvalidInput, nil)
	}
	in.Tools = ToolDefinitionsOf(a.tools)
	id, err := a.api.CreateAssistant(ctx, in)
	if err != nil {
		return "", classify("create assistant", err)
	}
	return id, nil
}

// ToolDefinitionsOf lists the registry's tools as the model API is offered them.
func ToolDefinitionsOf(reg *tools.Registry) []ToolDefinition {
	var defs []ToolDefinition
	for _, d := range reg.Definitions() {
		defs = append(defs, ToolDefinition{Name: d.Name, Description: d.Description, Parameters: d.Parameters, Strict: d.Strict})
	}
	return defs
}
