package activities

import (
	"context"
	"strings"

	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// CreateAssistant creates an assistant that offers every tool registered on
// this worker. It runs on the worker so the API key never leaves it.
func (a *Activities) CreateAssistant(ctx context.Context, in assistant.CreateAssistantInput) (string, error) {
	if strings.TrimSpace(in.Model) == "" {
		return "", temporal.NewNonRetryableApplicationError("create assistant: model is empty", assistant.ErrorTypeInvalidInput, nil)
	}
	in.Tools = a.tools.Definitions()
	id, err := a.api.CreateAssistant(ctx, in)
	if err != nil {
		return "", classify("create assistant", err)
	}
	return id, nil
}
