package client

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	failurepb "go.temporal.io/api/failure/v1"
	workflowpb "go.temporal.io/api/workflow/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/mocks"
	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// The Update's ConversationEnded and TurnFailed errors become typed errors
// that errors.Is and errors.As find, with the turn they name; the Temporal
// error stays underneath.
func TestTurnErrorIsTyped(t *testing.T) {
	ended := assistant.EndedTurn{Key: "k", Turn: 3, WorkflowID: "conversation-k/e/turn-3", Reason: "ended", Cancelled: true}
	err := turnError("k", temporal.NewApplicationErrorWithOptions(ended.Message(), assistant.ErrorTypeConversationEnded,
		temporal.ApplicationErrorOptions{Details: []any{ended}}))
	require.ErrorIs(t, err, ErrConversationEnded)
	require.NotErrorIs(t, err, ErrTurnFailed)
	var e *ConversationEndedError
	require.ErrorAs(t, err, &e)
	require.Equal(t, ended, e.EndedTurn)
	require.EqualError(t, err, `conversation "k" ended while turn 3 was being answered: the turn was cancelled`)
	var app *temporal.ApplicationError
	require.ErrorAs(t, err, &app, "the Temporal error is kept")

	// From an older worker: no detail.
	err = turnError("k", temporal.NewApplicationError("the conversation ended (ended) before turn 2 was answered", assistant.ErrorTypeConversationEnded))
	require.ErrorIs(t, err, ErrConversationEnded)
	require.EqualError(t, err, `conversation "k" ended before the message was answered`)

	failed := assistant.FailedTurn{Key: "k", Turn: 4, WorkflowID: "w4", Closed: "failed", Cause: "boom"}
	err = turnError("k", temporal.NewApplicationErrorWithOptions(failed.Message(), assistant.ErrorTypeTurnFailed,
		temporal.ApplicationErrorOptions{Details: []any{failed}}))
	require.ErrorIs(t, err, ErrTurnFailed)
	var f *TurnFailedError
	require.ErrorAs(t, err, &f)
	require.Equal(t, failed, f.FailedTurn)

	require.Nil(t, turnError("k", errors.New("connection refused")))
	require.Nil(t, turnError("k", temporal.NewApplicationError("closing", assistant.ErrorTypeConversationClosing)))
}

type stateValue struct{ st assistant.ConversationState }

func (v stateValue) HasValue() bool { return true }
func (v stateValue) Get(p any) error {
	*p.(*assistant.ConversationState) = v.st
	return nil
}

// A turn awaited through its workflow (carried over a continue-as-new, or
// queued deep) that was cancelled is a ConversationEndedError when its
// conversation is ending, and a TurnFailedError when the conversation goes
// on (someone cancelled the turn itself); any other close is TurnFailed.
// Before, each came back as a reply carrying "workflow_failed: canceled".
func TestAwaitTurnClosedWithoutReply(t *testing.T) {
	turn := assistant.ConversationWorkflowID("k") + "/run-A/turn-7"
	canceled := temporal.NewCanceledError()
	terminated := temporal.GetDefaultFailureConverter().FailureToError(&failurepb.Failure{Message: "terminated",
		FailureInfo: &failurepb.Failure_TerminatedFailureInfo{TerminatedFailureInfo: &failurepb.TerminatedFailureInfo{}}})
	cases := []struct {
		name   string
		err    error
		state  assistant.ConversationState
		want   string
		target error
	}{
		{"cancelled by End", canceled, assistant.ConversationState{Ended: true, Reason: "ended"},
			`conversation "k" ended while turn 7 was being answered: the turn was cancelled`, ErrConversationEnded},
		{"cancelled alone", canceled, assistant.ConversationState{},
			`turn 7 of conversation "k" was not answered: its Run workflow ` + turn + ` cancelled`, ErrTurnFailed},
		{"terminated", terminated, assistant.ConversationState{},
			`turn 7 of conversation "k" was not answered: its Run workflow ` + turn + ` terminated`, ErrTurnFailed},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := &mocks.Client{}
			c.On("DescribeWorkflowExecution", mock.Anything, assistant.ConversationWorkflowID("k"), "").Return(
				&workflowservice.DescribeWorkflowExecutionResponse{WorkflowExecutionInfo: &workflowpb.WorkflowExecutionInfo{
					Status: enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING, FirstRunId: "run-A-full"}}, nil)
			c.On("QueryWorkflow", mock.Anything, assistant.ConversationWorkflowID("k"), "", assistant.QueryTurns).Return(
				converter.EncodedValue(stateValue{tc.state}), nil)
			cv := New(c, Options{TaskQueue: "q"}).Conversations(assistant.ConversationSettings{AssistantID: "a"})
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()

			// What awaitTurn calls with the error of the turn's workflow (the
			// SDK's WorkflowExecutionError cannot be built outside it).
			err := cv.closedTurn(ctx, "k", assistant.TurnReply{Turn: 7, WorkflowID: turn, Epoch: "run-A", Pending: true}, tc.err)
			require.ErrorIs(t, err, tc.target)
			require.EqualError(t, err, tc.want)
		})
	}
}
