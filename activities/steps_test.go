package activities_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/testsuite"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/tools"
)

// A finished run's steps, listed in one request on the assistants protocol:
// the tool_calls step with the function's arguments and submitted output,
// then the message_creation step naming the reply's message.
func TestListRunStepsAfterToolRound(t *testing.T) {
	h := newHarness(t, harnessConfig{})
	st := requiresAction(t, h)
	var sub assistant.RunState
	require.NoError(t, h.exec(&sub, h.acts.SubmitToolOutputs, outputsFor(t, h, st)))
	done := h.await(sub)
	require.Equal(t, assistant.StatusCompleted, done.Status)

	var steps []assistant.RunStep
	require.NoError(t, h.exec(&steps, h.acts.ListRunSteps, activities.ListRunStepsInput{ThreadID: done.ThreadID, APIRunID: done.APIRunID}))
	require.Equal(t, 1, h.srv.Stats().Requests["GET /v1/threads/{thread_id}/runs/{run_id}/steps"])
	require.Len(t, steps, 2)
	require.Equal(t, "tool_calls", steps[0].Type)
	require.Equal(t, "completed", steps[0].Status)
	require.Len(t, steps[0].ToolCalls, 1)
	call := steps[0].ToolCalls[0]
	require.Equal(t, st.ToolCalls[0].ID, call.ID)
	require.Equal(t, "function", call.Type)
	require.Equal(t, "calculate", call.Name)
	require.Equal(t, st.ToolCalls[0].Arguments, call.Arguments)
	require.Equal(t, `{"result":42}`, call.Output)
	require.Equal(t, "message_creation", steps[1].Type)
	require.NotEmpty(t, steps[1].MessageID)
}

// pagedSteps is a backend whose run has n steps, served in pages of 100
// after a cursor; it counts the requests.
type pagedSteps struct {
	activities.Backend
	n, requests int
}

func (p *pagedSteps) RunStepsPage(_ context.Context, _, _, after string) ([]assistant.RunStep, bool, error) {
	p.requests++
	start := 0
	if after != "" {
		start, _ = strconv.Atoi(strings.TrimPrefix(after, "step_"))
		start++
	}
	var page []assistant.RunStep
	for i := start; i < min(start+100, p.n); i++ {
		page = append(page, assistant.RunStep{ID: fmt.Sprintf("step_%d", i), Type: "message_creation"})
	}
	return page, start+100 < p.n, nil
}

// A run with more steps than a page: the listing follows the pages, keeps
// the first ones (what a Result lists) and counts the rest, up to 10 pages.
func TestListRunStepPages(t *testing.T) {
	for _, tc := range []struct {
		steps, requests, omitted int
	}{
		{2, 1, 0}, {100, 1, 0}, {250, 3, 150}, {5000, 10, 900},
	} {
		t.Run(fmt.Sprint(tc.steps), func(t *testing.T) {
			api := &pagedSteps{n: tc.steps}
			var suite testsuite.WorkflowTestSuite
			env := suite.NewTestActivityEnvironment()
			acts := activities.New(api, tools.NewRegistry(), activities.Options{})
			env.RegisterActivity(acts)
			val, err := env.ExecuteActivity(acts.ListRunStepPages, activities.ListRunStepsInput{ThreadID: "t", APIRunID: "r"})
			require.NoError(t, err)
			var got activities.RunSteps
			require.NoError(t, val.Get(&got))
			require.Len(t, got.Steps, min(tc.steps, assistant.MaxResultSteps))
			require.Equal(t, "step_0", got.Steps[0].ID)
			require.Equal(t, tc.omitted, got.Omitted)
			require.Equal(t, tc.requests, api.requests)
		})
	}
}
