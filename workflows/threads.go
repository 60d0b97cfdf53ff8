package workflows

import (
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// Threads runs one operation on a thread (get, update its metadata, delete,
// list its messages or runs) in one activity on the worker, which holds the
// API key. A bad operation fails at once, naming the field.
func Threads(ctx workflow.Context, in assistant.ThreadsInput) (assistant.ThreadsResult, error) {
	if err := in.Validate(); err != nil {
		return assistant.ThreadsResult{}, temporal.NewNonRetryableApplicationError(
			"invalid threads operation: "+err.Error(), assistant.ErrorTypeInvalidInput, nil)
	}
	summary := string(in.Op) + " thread " + in.ThreadID
	var res assistant.ThreadsResult
	err := workflow.ExecuteActivity(operationCall(ctx, summary), a.ManageThreads, in).Get(ctx, &res)
	return res, err
}
