package workflows

import (
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// Threads runs one operation on a thread (create it, get it, update its
// metadata, delete it, list its messages or runs; add, get or update a
// message; update a run's metadata; get a run step) in one activity on the
// worker, which holds the API key. A bad operation fails at once, naming the
// field. A create is tagged with the workflow's idempotency key; a
// message_create first records the thread's newest message (the anchor,
// after which a retry of the create looks for what an earlier attempt made).
func Threads(ctx workflow.Context, in assistant.ThreadsInput) (assistant.ThreadsResult, error) {
	if err := in.Validate(); err != nil {
		return assistant.ThreadsResult{}, temporal.NewNonRetryableApplicationError(
			"invalid threads operation: "+err.Error(), assistant.ErrorTypeInvalidInput, nil)
	}
	summary := string(in.Op) + " thread " + in.ThreadID
	switch in.Op {
	case assistant.OpThreadCreate:
		in.IdempotencyKey = idempotencyKey(ctx)
	case assistant.OpMessageCreate:
		in.IdempotencyKey, in.Anchor = idempotencyKey(ctx), ""
		err := workflow.ExecuteActivity(operationCall(ctx, "newest message of "+in.ThreadID),
			a.NewestMessage, activities.NewestMessageInput{ThreadID: in.ThreadID}).Get(ctx, &in.Anchor)
		if err != nil {
			return assistant.ThreadsResult{}, err
		}
	}
	var res assistant.ThreadsResult
	err := workflow.ExecuteActivity(operationCall(ctx, summary), a.ManageThreads, in).Get(ctx, &res)
	return res, err
}
