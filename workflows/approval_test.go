package workflows

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/testsuite"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

var approvalStart = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

// approvalRun is a Run whose model asks for one tool needing approval
// ("wire_money", call_a) and one that does not ("calculate", call_b).
type approvalRun struct {
	env       *testsuite.TestWorkflowEnvironment
	ran       []string // tool names CallTool ran
	submitted []assistant.ToolOutput
	rejected  map[string]error
}

func newApprovalRun(t *testing.T, expiresAt int64) *approvalRun {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.SetStartTime(approvalStart)
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: "run-approval"})
	env.RegisterWorkflow(Run)
	ar := &approvalRun{env: env, rejected: map[string]error{}}
	calls := []assistant.ToolCall{
		{ID: "call_a", Name: "wire_money", Arguments: `{"amount":5}`, Policy: assistant.ToolPolicy{RequiresApproval: true}},
		{ID: "call_b", Name: "calculate", Arguments: `{"expression":"1+1"}`},
	}
	env.OnActivity(a.StartRun, mock.Anything, mock.Anything).Return(assistant.RunState{
		ThreadID: "thread_1", APIRunID: "run_1", Status: assistant.StatusRequiresAction, ToolCalls: calls, ExpiresAt: expiresAt,
	}, nil)
	env.OnActivity(a.CallTool, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.CallToolInput) (assistant.ToolOutput, error) {
			ar.ran = append(ar.ran, in.Call.Name)
			return assistant.ToolOutput{ToolCallID: in.Call.ID, Output: "ran " + in.Call.Name}, nil
		})
	env.OnActivity(a.SubmitToolOutputs, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.SubmitToolOutputsInput) (assistant.RunState, error) {
			ar.submitted = in.Outputs
			return assistant.RunState{ThreadID: "thread_1", APIRunID: "run_1", Status: assistant.StatusCompleted,
				Reply: &assistant.Reply{Text: "done"}}, nil
		})
	return ar
}

// decide sends an approve or deny Update after d.
func (ar *approvalRun) decide(d time.Duration, update string, dec assistant.Decision) {
	ar.env.RegisterDelayedCallback(func() {
		ar.env.UpdateWorkflow(update, update+dec.ToolCallID, &testsuite.TestUpdateCallback{
			OnReject:   func(err error) { ar.rejected[update+dec.ToolCallID] = err },
			OnAccept:   func() {},
			OnComplete: func(any, error) {},
		}, dec)
	}, d)
}

func (ar *approvalRun) output(id string) assistant.ToolOutput {
	for _, o := range ar.submitted {
		if o.ToolCallID == id {
			return o
		}
	}
	return assistant.ToolOutput{}
}

func TestApproval(t *testing.T) {
	expires := approvalStart.Add(10 * time.Minute).Unix()
	cases := []struct {
		name     string
		decide   func(ar *approvalRun)
		ran      []string
		output   string
		isError  bool
		mentions string
	}{
		{"granted", func(ar *approvalRun) {
			ar.decide(time.Minute, assistant.UpdateApprove, assistant.Decision{ToolCallID: "call_a"})
		},
			[]string{"calculate", "wire_money"}, "ran wire_money", false, ""},
		{"denied", func(ar *approvalRun) {
			ar.decide(time.Minute, assistant.UpdateDeny, assistant.Decision{ToolCallID: "call_a", Reason: "too much"})
		}, []string{"calculate"}, "", true, "the user denied this call of wire_money: too much"},
		{"timed out", func(*approvalRun) {}, []string{"calculate"}, "", true, "no one approved it before the run's deadline"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ar := newApprovalRun(t, expires)
			tc.decide(ar)
			var pending assistant.RunView
			ar.env.RegisterDelayedCallback(func() {
				v, err := ar.env.QueryWorkflow(assistant.QueryState)
				require.NoError(t, err)
				require.NoError(t, v.Get(&pending))
			}, 30*time.Second)
			ar.env.ExecuteWorkflow(Run, assistant.RunRequest{AssistantID: "asst_1", ThreadID: "thread_1", Message: "pay"})
			require.NoError(t, ar.env.GetWorkflowError())

			require.Len(t, pending.PendingApprovals, 1)
			p := pending.PendingApprovals[0]
			require.Equal(t, "call_a", p.ToolCallID)
			require.Equal(t, "wire_money", p.Name)
			// The deadline leaves the tool its timeout and the submit its margin.
			require.Equal(t, time.Unix(expires, 0).Add(-submitMargin-defaultToolTimeout).UTC(), p.Deadline.UTC())

			require.ElementsMatch(t, tc.ran, ar.ran)
			out := ar.output("call_a")
			require.Equal(t, tc.isError, out.IsError)
			if tc.output != "" {
				require.Equal(t, tc.output, out.Output)
			}
			require.Contains(t, out.Output, tc.mentions)
			require.Equal(t, "ran calculate", ar.output("call_b").Output)
		})
	}
}

func TestApprovalRejectsUnknownCall(t *testing.T) {
	ar := newApprovalRun(t, 0)
	ar.decide(time.Minute, assistant.UpdateApprove, assistant.Decision{ToolCallID: "call_b"})
	ar.decide(time.Minute, assistant.UpdateApprove, assistant.Decision{ToolCallID: ""})
	ar.decide(2*time.Minute, assistant.UpdateApprove, assistant.Decision{ToolCallID: "call_a"})
	ar.env.ExecuteWorkflow(Run, assistant.RunRequest{AssistantID: "asst_1", ThreadID: "thread_1", Message: "pay"})
	require.NoError(t, ar.env.GetWorkflowError())

	require.ErrorContains(t, ar.rejected[assistant.UpdateApprove+"call_b"], `tool_call_id "call_b" is not waiting for approval`)
	require.ErrorContains(t, ar.rejected[assistant.UpdateApprove], "tool_call_id is empty")
	require.Equal(t, "ran wire_money", ar.output("call_a").Output)
}

// A decision is forgotten once its call leaves the pending list: the
// workflow's state does not grow with the number of approvals in a run.
func TestApprovalDecisionIsDroppedWithItsCall(t *testing.T) {
	r := &runner{decisions: map[string]verdict{"call_a": {approved: true}, "call_b": {}}}
	r.state.PendingApprovals = []assistant.PendingApproval{{ToolCallID: "call_a"}, {ToolCallID: "call_b"}}
	r.dropPending("call_a")
	require.Equal(t, []assistant.PendingApproval{{ToolCallID: "call_b"}}, r.state.PendingApprovals)
	require.Equal(t, map[string]verdict{"call_b": {}}, r.decisions)
}
