package activities

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	commonpb "go.temporal.io/api/common/v1"
	workflowpb "go.temporal.io/api/workflow/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/codec"
)

// describedWorkflow answers DescribeWorkflowExecution with pending activities.
type describedWorkflow struct {
	client.Client
	pending []*workflowpb.PendingActivityInfo
}

func (d describedWorkflow) DescribeWorkflowExecution(context.Context, string, string) (*workflowservice.DescribeWorkflowExecutionResponse, error) {
	return &workflowservice.DescribeWorkflowExecutionResponse{PendingActivities: d.pending}, nil
}

func pendingActivity(t *testing.T, dc converter.DataConverter, typ string, details ...any) *workflowpb.PendingActivityInfo {
	pa := &workflowpb.PendingActivityInfo{ActivityType: &commonpb.ActivityType{Name: typ}}
	if len(details) > 0 {
		p, err := dc.ToPayloads(details...)
		require.NoError(t, err)
		pa.HeartbeatDetails = p
	}
	return pa
}

// PendingRun reads the run a following activity named in its heartbeat,
// through the worker's codec, and skips other activities.
func TestPendingRunReadsTheFollowersHeartbeat(t *testing.T) {
	c, err := codec.New(codec.Key{ID: "k1", Secret: make([]byte, 32)})
	require.NoError(t, err)
	dc := codec.DataConverter(c)
	fake := describedWorkflow{pending: []*workflowpb.PendingActivityInfo{
		pendingActivity(t, dc, "CallTool", "some tool state"),
		pendingActivity(t, dc, assistant.ActivityStartRun), // no heartbeat yet
		pendingActivity(t, dc, assistant.ActivitySubmitToolOutputs, assistant.FollowProgress{APIRunID: "resp_2", Text: "so far"}),
	}}
	id, err := pendingRun(context.Background(), fake, dc, PendingRunInput{WorkflowID: "w", RunID: "r"})
	require.NoError(t, err)
	require.Equal(t, "resp_2", id)

	_, err = pendingRun(context.Background(), fake, converter.GetDefaultDataConverter(), PendingRunInput{WorkflowID: "w"})
	require.Error(t, err, "encrypted details cannot be read without the codec")

	id, err = pendingRun(context.Background(), describedWorkflow{}, dc, PendingRunInput{WorkflowID: "w"})
	require.NoError(t, err)
	require.Empty(t, id)
}
