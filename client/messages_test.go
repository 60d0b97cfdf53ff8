package client

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	tclient "go.temporal.io/sdk/client"
	"go.temporal.io/sdk/mocks"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// The single-object operations check their input before anything reaches
// Temporal (the client has no connection: a call would panic), naming the
// field.
func TestThreadOperationsCheckBeforeSending(t *testing.T) {
	c := New(nil, Options{TaskQueue: "q"})
	ctx := context.Background()
	_, err := c.CreateMessage(ctx, "thread_1", "system", "hi", nil)
	require.ErrorContains(t, err, `role is "system"; it must be user or assistant`)
	_, err = c.CreateMessage(ctx, "thread_1", "user", " ", nil)
	require.ErrorContains(t, err, "text is empty")
	_, err = c.CreateMessage(ctx, "", "user", "hi", nil)
	require.ErrorContains(t, err, "thread_id is empty")
	_, err = c.CreateMessage(ctx, "thread_1", "user", "hi", map[string]string{assistant.ReservedMetadataKey: "x"})
	require.ErrorContains(t, err, "is reserved")
	_, err = c.GetMessage(ctx, "thread_1", "")
	require.ErrorContains(t, err, "message_id is empty")
	_, err = c.UpdateRun(ctx, "thread_1", "", nil)
	require.ErrorContains(t, err, "run_id is empty")
	_, err = c.GetRunStep(ctx, "thread_1", "run_1", "")
	require.ErrorContains(t, err, "step_id is empty")
	_, err = c.CreateMessage(ctx, "thread_1", "user", "hi", nil, WithOperationKey(strings.Repeat("k", 201)))
	require.ErrorContains(t, err, "invalid operation key: 201 bytes; the limit is 200")
}

// threadsRun is a finished Threads workflow whose result is res.
type threadsRun struct {
	tclient.WorkflowRun
	res assistant.ThreadsResult
}

func (r threadsRun) Get(_ context.Context, v any) error {
	*v.(*assistant.ThreadsResult) = r.res
	return nil
}

// With an operation key the workflow is named by it and never started
// twice: a call repeated after the first finished returns the first
// call's message instead of adding another.
func TestCreateMessageWithOperationKeyReturnsTheFirstResult(t *testing.T) {
	tc := &mocks.Client{}
	first := assistant.ThreadsResult{Message: &assistant.ThreadMessage{ID: "msg_1", Role: "user", Text: "hi"}}
	var so tclient.StartWorkflowOptions
	tc.On("ExecuteWorkflow", mock.Anything, mock.Anything, assistant.WorkflowThreads, mock.Anything).Run(func(args mock.Arguments) {
		so = args.Get(1).(tclient.StartWorkflowOptions)
	}).Return(nil, serviceerror.NewWorkflowExecutionAlreadyStarted("started", "", "")).Once()
	tc.On("GetWorkflow", mock.Anything, "threads-message_create-thread_1-key-order-7", "").Return(threadsRun{res: first})
	c := New(tc, Options{TaskQueue: "q"})

	m, err := c.CreateMessage(context.Background(), "thread_1", "user", "hi", nil, WithOperationKey("order-7"))

	require.NoError(t, err)
	require.Equal(t, "msg_1", m.ID)
	require.Equal(t, "threads-message_create-thread_1-key-order-7", so.ID)
	require.Equal(t, enumspb.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE, so.WorkflowIDReusePolicy)
	require.Equal(t, enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING, so.WorkflowIDConflictPolicy)
}
