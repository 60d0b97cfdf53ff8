package workflows

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// TestConversationIdleDeletesThreadWhenAsked: the idle timeout and End each
// delete the thread at the API only when the settings ask for it.
func TestConversationIdleDeletesThreadWhenAsked(t *testing.T) {
	cases := []struct {
		name       string
		deleteIdle bool
		deleteEnd  bool
		end        bool
		wantDelete bool
	}{
		{"idle, asked", true, false, false, true},
		{"idle, not asked", false, false, false, false},
		{"idle, asked on end only", false, true, false, false},
		{"ended, asked on idle only", true, false, true, false},
		{"ended, asked", false, true, true, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ct := newConvTest(t)
			var deleted []string
			ct.env.RegisterActivity(a.DeleteThread)
			ct.env.OnActivity(a.DeleteThread, mock.Anything, mock.Anything).Return(
				func(_ context.Context, in activities.DeleteThreadInput) error {
					deleted = append(deleted, in.ThreadID)
					return nil
				}).Maybe()
			ct.send(time.Second, "u1", "hello")
			if tc.end {
				ct.env.RegisterDelayedCallback(func() { ct.env.SignalWorkflow(assistant.SignalEnd, nil) }, 2*convTurnTime)
			}
			ct.execute(assistant.ConversationInput{Settings: assistant.ConversationSettings{IdleTimeout: time.Hour,
				DeleteThreadOnIdle: tc.deleteIdle, DeleteThreadOnEnd: tc.deleteEnd}})

			var res assistant.ConversationResult
			require.NoError(t, ct.env.GetWorkflowResult(&res))
			require.Equal(t, "Echo: hello", ct.replies["u1"].Reply)
			require.Equal(t, tc.wantDelete, res.ThreadDeleted)
			if tc.wantDelete {
				require.Equal(t, []string{"thread_1"}, deleted)
			} else {
				require.Empty(t, deleted)
			}
		})
	}
}
