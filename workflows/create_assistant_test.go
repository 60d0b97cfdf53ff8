package workflows

import (
	"context"
	"testing"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/activity"

	"github.com/durable-assistants/durable-assistants/assistant"
)

func TestCreateAssistant(t *testing.T) {
	in := assistant.CreateAssistantInput{Name: "helper", Model: "gpt-4o-mini", Instructions: "Be brief."}
	for _, tc := range []struct {
		name      string
		fail      func(attempt int32) error
		wantID    string
		wantErr   string
		wantCalls int
	}{
		{"returns the ID", func(int32) error { return nil }, "asst_new", "", 1},
		{"retries a transient error", func(attempt int32) error {
			if attempt < 3 {
				return retryableAPIError()
			}
			return nil
		}, "asst_new", "", 3},
		{"a non-retryable error fails at once", func(int32) error {
			return nonRetryableAPIError(assistant.ErrorTypeBadRequest)
		}, "", assistant.ErrorTypeBadRequest, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			h.env.OnActivity(a.CreateAssistant, mock.Anything, mock.Anything).Return(
				func(ctx context.Context, got assistant.CreateAssistantInput) (string, error) {
					if err := tc.fail(activity.GetInfo(ctx).Attempt); err != nil {
						return "", err
					}
					return "asst_new", nil
				})
			h.fallbacks()
			h.env.ExecuteWorkflow(CreateAssistant, in)
			require.True(t, h.env.IsWorkflowCompleted())

			require.Equal(t, tc.wantCalls, h.calls("CreateAssistant"))
			require.Equal(t, in, inputs[assistant.CreateAssistantInput](h, "CreateAssistant")[0])
			info := h.infos("CreateAssistant")[0]
			require.Equal(t, shortCallTimeout, info.StartToCloseTimeout)
			if tc.wantErr != "" {
				require.Equal(t, tc.wantErr, h.appError().Type())
				return
			}
			require.NoError(t, h.env.GetWorkflowError())
			var id string
			require.NoError(t, h.env.GetWorkflowResult(&id))
			require.Equal(t, tc.wantID, id)
		})
	}
}
