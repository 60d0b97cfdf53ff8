package workflows

import (
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// Assistants runs one operation on assistants (apply, get, list, update,
// delete, resolve) in one activity on the worker, which holds the API key.
// A bad operation fails at once, naming the field.
func Assistants(ctx workflow.Context, in assistant.AssistantsInput) (assistant.AssistantsResult, error) {
	if err := in.Validate(); err != nil {
		return assistant.AssistantsResult{}, temporal.NewNonRetryableApplicationError(
			"invalid assistants operation: "+err.Error(), assistant.ErrorTypeInvalidInput, nil)
	}
	summary := string(in.Op) + " assistant " + in.ID
	if in.Op == assistant.OpApply {
		summary = "apply assistant " + in.Spec.Name
	}
	var res assistant.AssistantsResult
	err := workflow.ExecuteActivity(operationCall(ctx, summary), a.ManageAssistants, in).Get(ctx, &res)
	return res, err
}
