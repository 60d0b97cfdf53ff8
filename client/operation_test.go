package client

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// An operation on assistants or threads starts its workflow on the task
// queue, under an ID that names the operation and with a summary; a start
// that fails says which workflow did not start.
func TestOperationWorkflowStart(t *testing.T) {
	ctx := context.Background()
	rec := &startRecorder{}
	c := New(rec, Options{TaskQueue: "q"})

	_, err := c.ApplyAssistant(ctx, assistant.AssistantSpec{Name: "support", Model: "gpt-4o"})
	require.EqualError(t, err, "start assistants workflow: recorded")
	require.Regexp(t, `^assistants-apply-[0-9a-f]{16}$`, rec.got.ID)
	require.Equal(t, "q", rec.got.TaskQueue)
	require.Equal(t, "apply assistant support", rec.got.StaticSummary)

	_, err = c.ListMessages(ctx, "thread_1", 5, "")
	require.EqualError(t, err, "start threads workflow: recorded")
	require.Regexp(t, `^threads-messages-[0-9a-f]{16}$`, rec.got.ID)
	require.Equal(t, "q", rec.got.TaskQueue)
	require.Equal(t, "messages thread thread_1", rec.got.StaticSummary)
}
