package workflows

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// requireEnded checks a caller's error is ConversationEnded with this detail.
func requireEnded(t *testing.T, err error, want assistant.EndedTurn) {
	t.Helper()
	var app *temporal.ApplicationError
	require.ErrorAs(t, err, &app)
	require.Equal(t, assistant.ErrorTypeConversationEnded, app.Type(), "%v", err)
	var got assistant.EndedTurn
	require.NoError(t, app.Details(&got))
	require.Equal(t, want, got)
	require.Equal(t, want.Message(), app.Message())
}

// An End while a turn runs cancels the turn (its run once) and answers its
// caller with a ConversationEnded error saying so; the message queued behind
// it is answered as never sent. Before versionTurnOutcome the running turn's
// caller got a reply carrying "workflow_failed: ... canceled".
func TestConversationEndDuringTurnAnswersEnded(t *testing.T) {
	ct := newConvTest(t)
	ct.send(time.Second, "u1", "m1")
	ct.send(2*time.Second, "u2", "m2")
	ct.env.RegisterDelayedCallback(func() { ct.env.SignalWorkflow(assistant.SignalEnd, nil) }, 10*time.Second)
	ct.execute(assistant.ConversationInput{})

	require.NoError(t, ct.env.GetWorkflowError())
	require.NotContains(t, ct.replies, "u1", "the cancelled turn's caller got a reply")
	turn := func(n int) string { return fmt.Sprintf("conversation-k1/default-test-run-id/turn-%d", n) }
	requireEnded(t, ct.errs["u1"], assistant.EndedTurn{Key: "k1", Turn: 1, WorkflowID: turn(1), Reason: "ended", Cancelled: true})
	require.ErrorContains(t, ct.errs["u1"], `conversation "k1" ended while turn 1 was being answered: the turn was cancelled`)
	requireEnded(t, ct.errs["u2"], assistant.EndedTurn{Key: "k1", Turn: 2, WorkflowID: turn(2), Reason: "ended"})
	require.Len(t, ct.requests, 1, "the queued message must not run")
	require.Equal(t, 1, ct.cancels, "the running turn is cancelled once")

	var res assistant.ConversationResult
	require.NoError(t, ct.env.GetWorkflowResult(&res))
	require.Equal(t, "ended", res.Reason)
}

// A conversation recorded before versionTurnOutcome keeps its reply.
func TestConversationEndDuringTurnBeforeVersion(t *testing.T) {
	ct := newConvTest(t)
	ct.env.OnGetVersion(versionTurnOutcome, workflow.DefaultVersion, 1).Return(workflow.DefaultVersion)
	ct.send(time.Second, "u1", "m1")
	ct.env.RegisterDelayedCallback(func() { ct.env.SignalWorkflow(assistant.SignalEnd, nil) }, 10*time.Second)
	ct.execute(assistant.ConversationInput{})

	require.NoError(t, ct.errs["u1"])
	require.Equal(t, "workflow_failed", ct.replies["u1"].Error.Code)
}

// Cancelling the conversation's workflow (UI, CLI) ends it as End does:
// typed outcomes, reason "cancelled", no further turn; the workflow closes
// as cancelled once its handlers have answered.
func TestConversationCancelledAnswersEnded(t *testing.T) {
	ct := newConvTest(t)
	ct.send(time.Second, "u1", "m1")
	ct.send(2*time.Second, "u2", "m2")
	ct.env.RegisterDelayedCallback(ct.env.CancelWorkflow, 10*time.Second)
	ct.execute(assistant.ConversationInput{})

	require.True(t, temporal.IsCanceledError(ct.env.GetWorkflowError()), "%v", ct.env.GetWorkflowError())
	var app *temporal.ApplicationError
	require.ErrorAs(t, ct.errs["u1"], &app)
	var got assistant.EndedTurn
	require.NoError(t, app.Details(&got))
	require.Equal(t, assistant.EndedTurn{Key: "k1", Turn: 1, WorkflowID: got.WorkflowID, Reason: "cancelled", Cancelled: true}, got)
	require.ErrorContains(t, ct.errs["u1"], `conversation "k1" ended (cancelled) while turn 1 was being answered`)
	require.ErrorContains(t, ct.errs["u2"], `conversation "k1" ended (cancelled) before turn 2 was answered: its message was not sent`)
	require.Len(t, ct.requests, 1)
	require.Equal(t, 1, ct.cancels)
}

// A turn whose Run fails or is cancelled by itself answers TurnFailed,
// naming the turn and how its workflow closed; the conversation goes on.
func TestConversationTurnFailureIsTyped(t *testing.T) {
	ct := newConvTest(t)
	ct.turnEnds = func(req assistant.RunRequest) error {
		switch req.Message {
		case "fail":
			return temporal.NewNonRetryableApplicationError("assistant asst_1 not found", assistant.ErrorTypeNotFound, nil)
		case "cancel":
			return temporal.NewCanceledError()
		}
		return nil
	}
	ct.send(time.Second, "u1", "fail")
	ct.send(2*time.Second, "u2", "cancel")
	ct.send(3*time.Second, "u3", "m3")
	ct.env.RegisterDelayedCallback(func() { ct.env.SignalWorkflow(assistant.SignalEnd, nil) }, 10*convTurnTime)
	ct.execute(assistant.ConversationInput{})

	for id, want := range map[string]assistant.FailedTurn{
		"u1": {Key: "k1", Turn: 1, Closed: "failed", Cause: "assistant asst_1 not found"},
		"u2": {Key: "k1", Turn: 2, Closed: "cancelled"},
	} {
		var app *temporal.ApplicationError
		require.ErrorAs(t, ct.errs[id], &app, id)
		require.Equal(t, assistant.ErrorTypeTurnFailed, app.Type())
		var got assistant.FailedTurn
		require.NoError(t, app.Details(&got))
		want.WorkflowID = got.WorkflowID
		require.Equal(t, want, got)
		require.Contains(t, got.WorkflowID, "/turn-")
	}
	require.ErrorContains(t, ct.errs["u1"], `turn 1 of conversation "k1" was not answered: its Run workflow conversation-k1/default-test-run-id/turn-1 failed: assistant asst_1 not found`)
	require.Equal(t, "Echo: m3", ct.replies["u3"].Reply, "the conversation goes on")
}
