package integration

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// sendAsync sends a message in the background; a reply comes as an error
// (the tests here want none).
func sendAsync(ctx context.Context, cv *client.Conversations, key, text string) <-chan error {
	done := make(chan error, 1)
	go func() {
		r, err := cv.SendMessage(ctx, key, text)
		if err == nil {
			err = fmt.Errorf("a reply: %+v (error %+v)", r, r.Error)
		}
		done <- err
	}()
	return done
}

// outlastCancel is the model latency of a turn the test cancels: longer
// than a cancel can take to reach the activity following the run (through a
// heartbeat, which the SDK sends at most every 0.8 × the 10 s heartbeat
// timeout), so the run is cancelled, never completed first (a 5 s turn
// completed despite an End 1 s in, 1 run of 2).
const outlastCancel = "sleep: 20s"

// endedTurn is the ConversationEndedError in err.
func endedTurn(t *testing.T, err error) assistant.EndedTurn {
	t.Helper()
	require.ErrorIs(t, err, client.ErrConversationEnded, "%v", err)
	var ended *client.ConversationEndedError
	require.ErrorAs(t, err, &ended)
	return ended.EndedTurn
}

// An End (or a cancel of the conversation's workflow) while a turn runs:
// the turn's caller is told the conversation ended while its message was
// being answered and the turn was cancelled, its API run once; the message
// queued behind it is told it was never sent; a message sent after the End
// starts the next conversation. Before, the running turn's caller got a
// reply carrying "workflow_failed: ... canceled".
func TestConversationEndDuringTurnIsTyped(t *testing.T) {
	for _, how := range []string{"ended", "cancelled"} {
		t.Run(how, func(t *testing.T) {
			e := newEnv(t, openaitest.Options{})
			e.startWorker()
			cv := e.client.Conversations(assistant.ConversationSettings{AssistantID: e.createAssistant()})
			ctx := e.ctx(2 * time.Minute)
			id := assistant.ConversationWorkflowID(e.key())
			first := sendAsync(ctx, cv, e.key(), "think long\n"+outlastCancel)
			require.Eventually(t, func() bool { return e.emu.Stats().RunsCreated == 1 }, 20*time.Second, 20*time.Millisecond)
			queued := sendAsync(ctx, cv, e.key(), "me next")
			require.Eventually(t, func() bool {
				h, err := cv.History(ctx, e.key())
				return err == nil && h.TurnCount == 2
			}, 20*time.Second, 20*time.Millisecond, "the second message never queued")
			if how == "ended" {
				require.NoError(t, cv.End(ctx, e.key()))
			} else {
				require.NoError(t, e.tc.CancelWorkflow(ctx, id, ""))
			}

			got := endedTurn(t, <-first)
			require.Equal(t, assistant.EndedTurn{Key: e.key(), Turn: 1, WorkflowID: got.WorkflowID, Reason: how, Cancelled: true}, got)
			require.Contains(t, got.WorkflowID, "/turn-1")
			got = endedTurn(t, <-queued)
			require.Equal(t, assistant.EndedTurn{Key: e.key(), Turn: 2, WorkflowID: got.WorkflowID, Reason: how}, got)
			st := e.emu.Stats()
			require.Equal(t, 1, st.RunsCancelled, "the running turn's API run is cancelled once")
			require.Equal(t, 1, st.RunsCreated)
			require.Equal(t, 1, st.UserMessagesCreated, "the queued message was never sent")

			d, err := e.tc.DescribeWorkflowExecution(ctx, id, "")
			require.NoError(t, err)
			if how == "cancelled" {
				require.Equal(t, enumspb.WORKFLOW_EXECUTION_STATUS_CANCELED, d.WorkflowExecutionInfo.Status)
			}
			e.saveGolden(ctx, "conversation_"+how+"_mid_turn", id, "")
			after, err := cv.SendMessage(ctx, e.key(), "hello again")
			require.NoError(t, err)
			require.Equal(t, "Echo: hello again", after.Reply)
			require.Equal(t, 1, after.Turn, "the next conversation answers")
		})
	}
}

// A turn whose own workflow is cancelled (from the UI, say) while the
// conversation goes on: its caller gets a TurnFailedError naming the turn,
// and the conversation answers the next message.
func TestConversationTurnCancelledAloneIsTyped(t *testing.T) {
	e := newEnv(t, openaitest.Options{})
	e.startWorker()
	cv := e.client.Conversations(assistant.ConversationSettings{AssistantID: e.createAssistant()})
	ctx := e.ctx(2 * time.Minute)
	first := sendAsync(ctx, cv, e.key(), "think long\n"+outlastCancel)
	var turn string
	require.Eventually(t, func() bool {
		h, err := cv.History(ctx, e.key())
		if err != nil || len(h.Turns) == 0 || e.emu.Stats().RunsCreated == 0 {
			return false
		}
		turn = h.Turns[0].WorkflowID
		return true
	}, 20*time.Second, 20*time.Millisecond)
	require.NoError(t, e.tc.CancelWorkflow(ctx, turn, ""))

	err := <-first
	require.ErrorIs(t, err, client.ErrTurnFailed)
	var failed *client.TurnFailedError
	require.True(t, errors.As(err, &failed))
	require.Equal(t, assistant.FailedTurn{Key: e.key(), Turn: 1, WorkflowID: turn, Closed: "cancelled"}, failed.FailedTurn)
	require.Equal(t, 1, e.emu.Stats().RunsCancelled)
	next, err := cv.SendMessage(ctx, e.key(), "still there?")
	require.NoError(t, err)
	require.Equal(t, "Echo: still there?", next.Reply)
	require.Equal(t, 2, next.Turn)
}
