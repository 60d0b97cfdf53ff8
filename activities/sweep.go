package activities

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// Visibility holds the activities of the sweep (workflows.Sweep): they read
// Temporal's visibility and closed workflows' state, so unlike the run
// activities they need a Temporal client. Register it next to Activities.
type Visibility struct {
	client client.Client
}

// NewVisibility builds the sweep's activities over a Temporal client.
func NewVisibility(c client.Client) *Visibility {
	return &Visibility{client: c}
}

// ListWorkflowsInput is a visibility query and how many results to keep.
type ListWorkflowsInput struct {
	Query string `json:"query"`
	// Keywords names the Keyword search attributes to return.
	Keywords []string `json:"keywords"`
	Limit    int      `json:"limit"`
}

// ListedWorkflow is one workflow execution a query found.
type ListedWorkflow struct {
	WorkflowID string `json:"workflow_id"`
	RunID      string `json:"run_id"` // the execution's, not the API's
	// Keywords are the asked-for Keyword search attributes that are set.
	Keywords map[string]string `json:"keywords,omitempty"`
}

// ListWorkflows runs a visibility query, following its pages up to
// in.Limit results.
func (v *Visibility) ListWorkflows(ctx context.Context, in ListWorkflowsInput) ([]ListedWorkflow, error) {
	var out []ListedWorkflow
	var token []byte
	for {
		resp, err := v.client.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{Query: in.Query, NextPageToken: token})
		var bad *serviceerror.InvalidArgument
		if errors.As(err, &bad) { // a query this server cannot run: no retry helps
			return nil, temporal.NewNonRetryableApplicationError("list workflows: "+bad.Error(), assistant.ErrorTypeInvalidInput, nil)
		}
		if err != nil {
			return nil, fmt.Errorf("list workflows: %w", err)
		}
		for _, ex := range resp.GetExecutions() {
			if len(out) == in.Limit {
				return out, nil
			}
			w := ListedWorkflow{WorkflowID: ex.GetExecution().GetWorkflowId(), RunID: ex.GetExecution().GetRunId()}
			for _, name := range in.Keywords {
				if s := keyword(ex.GetSearchAttributes().GetIndexedFields()[name]); s != "" {
					if w.Keywords == nil {
						w.Keywords = map[string]string{}
					}
					w.Keywords[name] = s
				}
			}
			out = append(out, w)
		}
		if token = resp.GetNextPageToken(); len(token) == 0 {
			return out, nil
		}
	}
}

// keyword decodes a Keyword search attribute; "" when unset.
func keyword(p *commonpb.Payload) string {
	var s string
	if p != nil {
		_ = converter.GetDefaultDataConverter().FromPayload(p, &s)
	}
	return s
}

// QueryWorkflowInput names a workflow execution and one of its queries.
type QueryWorkflowInput struct {
	WorkflowID string `json:"workflow_id"`
	RunID      string `json:"run_id"`
	Query      string `json:"query"`
}

// QueryWorkflow runs a query without arguments, closed workflows included
// (a worker replays them), and returns its JSON answer.
func (v *Visibility) QueryWorkflow(ctx context.Context, in QueryWorkflowInput) (json.RawMessage, error) {
	val, err := v.client.QueryWorkflow(ctx, in.WorkflowID, in.RunID, in.Query)
	if err != nil {
		return nil, fmt.Errorf("query %s of %s: %w", in.Query, in.WorkflowID, err)
	}
	var raw json.RawMessage
	if err := val.Get(&raw); err != nil {
		return nil, temporal.NewNonRetryableApplicationError("decode query answer: "+err.Error(), assistant.ErrorTypeInvalidInput, nil)
	}
	return raw, nil
}
