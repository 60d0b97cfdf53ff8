package workflows

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/testsuite"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// The sweep cancels the API run of each closed Run workflow whose last known
// status is not terminal (by ID: the one its pending follow activity named,
// else the one it knew; by the workflow's idempotency key when neither
// names one), skips the others, and counts a run the API no longer has as
// done.
func TestSweepCancelsStrandedRuns(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.SetStartTime(testStart)
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{TaskQueue: "q1"})
	env.RegisterWorkflow(Sweep)
	kw := func(thread, run, status string) map[string]string {
		m := map[string]string{}
		for k, v := range map[string]string{"DaThreadId": thread, "DaRunId": run, "DaRunStatus": status} {
			if v != "" {
				m[k] = v
			}
		}
		return m
	}
	listed := []activities.ListedWorkflow{
		{WorkflowID: "run-a", RunID: "e1", Keywords: kw("thread_a", "run_a", "requires_action")},
		{WorkflowID: "run-b", RunID: "e2", Keywords: kw("thread_b", "", "")},
		{WorkflowID: "run-c", RunID: "e3", Keywords: kw("thread_c", "run_c", "completed")},
		{WorkflowID: "run-d", RunID: "e4", Keywords: kw("", "", "")},
		{WorkflowID: "run-e", RunID: "e5", Keywords: kw("thread_e", "run_e", "in_progress")},
		{WorkflowID: "run-f", RunID: "e6", Keywords: kw("", "", "")},
	}
	// run-d never had a thread; run-f created one and was terminated before
	// its search attributes named it: its state does.
	states := map[string]assistant.RunView{"run-d": {}, "run-f": {ThreadID: "thread_f"}}
	var queried []string
	env.OnActivity(vis.QueryWorkflow, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.QueryWorkflowInput) (json.RawMessage, error) {
			queried = append(queried, in.WorkflowID+"/"+in.RunID+"/"+in.Query)
			return json.Marshal(states[in.WorkflowID])
		})
	// run-f's start was following its run when terminated: only the
	// pending activity's heartbeat names it.
	pending := map[string]string{"run-f": "run_f"}
	var described []string
	env.OnActivity(a.PendingRun, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.PendingRunInput) (string, error) {
			described = append(described, in.WorkflowID+"/"+in.RunID)
			return pending[in.WorkflowID], nil
		})
	var query activities.ListWorkflowsInput
	env.OnActivity(vis.ListWorkflows, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.ListWorkflowsInput) ([]activities.ListedWorkflow, error) {
			query = in
			return listed, nil
		})
	var cancelled []activities.CancelRunInput
	env.OnActivity(a.CancelRun, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.CancelRunInput) (assistant.RunState, error) {
			cancelled = append(cancelled, in)
			if in.APIRunID == "run_e" {
				return assistant.RunState{}, nonRetryableAPIError(assistant.ErrorTypeNotFound)
			}
			return assistant.RunState{Status: assistant.StatusCancelled}, nil
		})
	env.ExecuteWorkflow(Sweep, SweepInput{Lookback: 11 * time.Minute})

	require.NoError(t, env.GetWorkflowError())
	var res SweepResult
	require.NoError(t, env.GetWorkflowResult(&res))
	require.Equal(t, SweepResult{Found: 4, Cancelled: 4}, res)
	require.Equal(t, []string{"run-d/e4/state", "run-f/e6/state"}, queried)
	require.ElementsMatch(t, []activities.CancelRunInput{
		{ThreadID: "thread_a", APIRunID: "run_a"},
		{ThreadID: "thread_b", IdempotencyKey: "run-b/e2"},
		{ThreadID: "thread_e", APIRunID: "run_e"},
		{ThreadID: "thread_f", APIRunID: "run_f"},
	}, cancelled)
	require.ElementsMatch(t, []string{"run-a/e1", "run-b/e2", "run-e/e5", "run-f/e6"}, described)
	require.Contains(t, query.Query, "TaskQueue = 'q1'")
	require.Contains(t, query.Query, "ExecutionStatus IN ('Terminated', 'TimedOut', 'Failed')")
	require.Contains(t, query.Query, "CloseTime > '2025-03-01T11:49:00Z'")
	require.Contains(t, query.Query, "WorkflowType = 'Run'")
}
