package workflows

import (
	"time"

	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// CreateAssistant creates an assistant offering the worker's registered
// tools. It is a workflow so that callers without the API key (the starter)
// can ask the worker, which holds it.
func CreateAssistant(ctx workflow.Context, in assistant.CreateAssistantInput) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout:    shortCallTimeout,
		ScheduleToCloseTimeout: 2 * time.Minute,
		RetryPolicy:            retryPolicy(5),
		Summary:                "create assistant " + in.Name,
	})
	var id string
	err := workflow.ExecuteActivity(ctx, a.CreateAssistant, in).Get(ctx, &id)
	return id, err
}
