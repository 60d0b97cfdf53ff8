package workflows

import (
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// An operation on assistants or threads is one short activity, retried
// within two minutes.
func TestOperationActivityOptions(t *testing.T) {
	for _, tc := range []struct {
		typ string
		run func(h *harness)
	}{
		{"ManageAssistants", func(h *harness) {
			h.env.OnActivity(a.ManageAssistants, mock.Anything, mock.Anything).Return(assistant.AssistantsResult{Action: "created"}, nil)
			h.env.ExecuteWorkflow(Assistants, assistant.AssistantsInput{Op: assistant.OpApply,
				Spec: assistant.AssistantSpec{Name: "support", Model: "gpt-4o"}})
		}},
		{"ManageThreads", func(h *harness) {
			h.env.OnActivity(a.ManageThreads, mock.Anything, mock.Anything).Return(assistant.ThreadsResult{}, nil)
			h.env.ExecuteWorkflow(Threads, assistant.ThreadsInput{Op: assistant.OpThreadGet, ThreadID: testThreadID})
		}},
	} {
		t.Run(tc.typ, func(t *testing.T) {
			h := newHarness(t)
			tc.run(h)
			require.True(t, h.env.IsWorkflowCompleted())
			require.NoError(t, h.env.GetWorkflowError())
			infos := h.infos(tc.typ)
			require.Len(t, infos, 1)
			require.Equal(t, shortCallTimeout, infos[0].StartToCloseTimeout)
			require.Equal(t, 2*time.Minute, infos[0].ScheduleToCloseTimeout)
			require.Zero(t, infos[0].HeartbeatTimeout)
		})
	}
}
