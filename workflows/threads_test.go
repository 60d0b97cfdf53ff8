package workflows

import (
	"context"
	"testing"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/testsuite"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// runThreads runs the Threads workflow with ManageThreads answering what
// it was given, and returns the activity's input.
func runThreads(t *testing.T, in assistant.ThreadsInput, setup func(*testsuite.TestWorkflowEnvironment)) (assistant.ThreadsInput, []string) {
	t.Helper()
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "threads-op-1"})
	env.RegisterWorkflow(Threads)
	var got assistant.ThreadsInput
	var order []string
	env.OnActivity(a.ManageThreads, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in assistant.ThreadsInput) (assistant.ThreadsResult, error) {
			got, order = in, append(order, "ManageThreads")
			return assistant.ThreadsResult{}, nil
		})
	env.OnActivity(a.NewestMessage, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.NewestMessageInput) (string, error) {
			order = append(order, "NewestMessage")
			return "msg_anchor", nil
		})
	if setup != nil {
		setup(env)
	}
	env.ExecuteWorkflow(Threads, in)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	return got, order
}

// A message_create records the thread's newest message first (the anchor a
// retry looks after) and tags the create with the workflow's key, whatever
// the caller put there.
func TestThreadsMessageCreateAnchorsAndKeys(t *testing.T) {
	got, order := runThreads(t, assistant.ThreadsInput{Op: assistant.OpMessageCreate, ThreadID: "thread_1", Role: "user",
		Text: "hi", IdempotencyKey: "spoofed", Anchor: "spoofed"}, nil)
	require.Equal(t, []string{"NewestMessage", "ManageThreads"}, order)
	require.Equal(t, "msg_anchor", got.Anchor)
	require.Equal(t, "threads-op-1/default-test-run-id", got.IdempotencyKey)
}

// A thread create carries the key; reads carry neither key nor anchor and
// make one activity.
func TestThreadsCreateKeysReadsDoNot(t *testing.T) {
	got, order := runThreads(t, assistant.ThreadsInput{Op: assistant.OpThreadCreate}, nil)
	require.Equal(t, []string{"ManageThreads"}, order)
	require.Equal(t, "threads-op-1/default-test-run-id", got.IdempotencyKey)
	got, order = runThreads(t, assistant.ThreadsInput{Op: assistant.OpMessageGet, ThreadID: "thread_1", MessageID: "msg_1"}, nil)
	require.Equal(t, []string{"ManageThreads"}, order)
	require.Empty(t, got.IdempotencyKey)
	require.Empty(t, got.Anchor)
}
