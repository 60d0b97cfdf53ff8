package activities

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/api/serviceerror"
	workflowpb "go.temporal.io/api/workflow/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/temporal"
)

// pagedVisibility answers ListWorkflow from pages, or with err.
type pagedVisibility struct {
	client.Client
	pages [][]*workflowpb.WorkflowExecutionInfo
	err   error
	asked []string
}

func (p *pagedVisibility) ListWorkflow(_ context.Context, req *workflowservice.ListWorkflowExecutionsRequest) (*workflowservice.ListWorkflowExecutionsResponse, error) {
	p.asked = append(p.asked, req.GetQuery())
	if p.err != nil {
		return nil, p.err
	}
	i := len(req.GetNextPageToken())
	resp := &workflowservice.ListWorkflowExecutionsResponse{Executions: p.pages[i]}
	if i+1 < len(p.pages) {
		resp.NextPageToken = make([]byte, i+1)
	}
	return resp, nil
}

func execution(id string, attrs map[string]string) *workflowpb.WorkflowExecutionInfo {
	fields := map[string]*commonpb.Payload{}
	for k, v := range attrs {
		p, _ := converter.GetDefaultDataConverter().ToPayload(v)
		fields[k] = p
	}
	return &workflowpb.WorkflowExecutionInfo{
		Execution:        &commonpb.WorkflowExecution{WorkflowId: id, RunId: "r-" + id},
		SearchAttributes: &commonpb.SearchAttributes{IndexedFields: fields},
	}
}

// ListWorkflows follows the pages up to the limit and returns the asked-for
// keywords that are set.
func TestListWorkflowsPagesAndKeywords(t *testing.T) {
	fake := &pagedVisibility{pages: [][]*workflowpb.WorkflowExecutionInfo{
		{execution("a", map[string]string{"K": "1", "Other": "x"}), execution("b", nil)},
		{execution("c", map[string]string{"K": "3"}), execution("d", nil)},
	}}
	got, err := NewVisibility(fake).ListWorkflows(context.Background(), ListWorkflowsInput{Query: "q", Keywords: []string{"K"}, Limit: 3})
	require.NoError(t, err)
	require.Equal(t, []ListedWorkflow{
		{WorkflowID: "a", RunID: "r-a", Keywords: map[string]string{"K": "1"}},
		{WorkflowID: "b", RunID: "r-b"},
		{WorkflowID: "c", RunID: "r-c", Keywords: map[string]string{"K": "3"}},
	}, got)
	require.Equal(t, []string{"q", "q"}, fake.asked)
}

// A query the server refuses fails at once, not retried every sweep.
func TestListWorkflowsBadQueryIsNotRetried(t *testing.T) {
	fake := &pagedVisibility{err: serviceerror.NewInvalidArgument("invalid query")}
	_, err := NewVisibility(fake).ListWorkflows(context.Background(), ListWorkflowsInput{Query: "q", Limit: 10})
	var app *temporal.ApplicationError
	require.True(t, errors.As(err, &app))
	require.True(t, app.NonRetryable())
	require.Contains(t, app.Message(), "invalid query")
}
