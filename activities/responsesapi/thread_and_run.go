package responsesapi

import (
	"context"

	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// errNoThreadAndRun refuses RunRequest.CreateThreadAndRun: a response joins
// an existing conversation (its conversation parameter is an ID) and no
// request creates both.
var errNoThreadAndRun = temporal.NewNonRetryableApplicationError(
	"create_thread_and_run: the Responses API has no request that creates a conversation and a response together "+
		"(POST /responses takes an existing conversation's ID); leave it off: a run without a thread creates the "+
		"conversation first, then the response, exactly once", assistant.ErrorTypeInvalidInput, nil)

// CreateThreadAndRun implements activities.ThreadRunner: refused, before any request.
func (b *Backend) CreateThreadAndRun(context.Context, activities.StartRunInput, string) (assistant.RunState, error) {
	return assistant.RunState{}, errNoThreadAndRun
}

// StreamThreadAndRun implements activities.ThreadRunStreamer: refused alike.
func (b *Backend) StreamThreadAndRun(context.Context, activities.StartRunInput, string, func(activities.StreamEvent) error) error {
	return errNoThreadAndRun
}

// Backend refuses to create a conversation and a response in one request.
var (
	_ activities.ThreadRunner      = (*Backend)(nil)
	_ activities.ThreadRunStreamer = (*Backend)(nil)
)
