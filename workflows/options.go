package workflows

import (
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/tools"
)

// Timeouts of the activities. A dead worker is noticed within the heartbeat
// timeout (long activities) or the start-to-close of a short call.
const (
	shortCallTimeout   = 10 * time.Second
	shortCallBudget    = 30 * time.Minute // retries of a 429 storm stop here
	heartbeatTimeout   = 10 * time.Second
	awaitTimeout       = 2 * time.Hour
	defaultToolTimeout = tools.DefaultTimeout     // a tool whose policy names none
	defaultToolTries   = tools.DefaultMaxAttempts // (a tool of another worker's registry)
	// submitMargin is kept free before expires_at for the submit itself.
	submitMargin = 5 * time.Second
)

// nonRetryable are the error types no retry can fix.
var nonRetryable = []string{
	assistant.ErrorTypeBadRequest, assistant.ErrorTypeUnauthorized, assistant.ErrorTypeNotFound,
	assistant.ErrorTypeInvalidInput, assistant.ErrorTypeUnknownRunState,
}

func retryPolicy(maxAttempts int32) *temporal.RetryPolicy {
	return &temporal.RetryPolicy{
		InitialInterval:        500 * time.Millisecond,
		BackoffCoefficient:     2,
		MaximumInterval:        10 * time.Second,
		MaximumAttempts:        maxAttempts,
		NonRetryableErrorTypes: nonRetryable,
	}
}

// shortCall is for one request to the API (create, submit).
func shortCall(ctx workflow.Context, summary string) workflow.Context {
	return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout:    shortCallTimeout,
		ScheduleToCloseTimeout: shortCallBudget,
		RetryPolicy:            retryPolicy(0),
		Summary:                summary,
	})
}

// operationCall is for the one activity of an operation on assistants,
// threads or files (Assistants, Threads, Files): one short request, retried
// a few times.
func operationCall(ctx workflow.Context, summary string) workflow.Context {
	return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout:    shortCallTimeout,
		ScheduleToCloseTimeout: 2 * time.Minute,
		RetryPolicy:            retryPolicy(5),
		Summary:                summary,
	})
}

// longCall is for activities that wait (poll loop, cancel) and heartbeat.
func longCall(ctx workflow.Context, summary string) workflow.Context {
	return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout:    awaitTimeout,
		ScheduleToCloseTimeout: 2 * awaitTimeout,
		HeartbeatTimeout:       heartbeatTimeout,
		RetryPolicy:            retryPolicy(0),
		Summary:                summary,
	})
}
