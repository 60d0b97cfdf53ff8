package integration

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	commonpb "go.temporal.io/api/common/v1"
	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	updatepb "go.temporal.io/api/update/v1"
	"go.temporal.io/api/workflowservice/v1"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// A message that arrives in the very workflow task in which the idle timer
// fires is answered, by a conversation that goes on: neither refused as
// "ended" nor accepted by an instance that then closes without it. The
// worker is stopped across the timeout, so the timer's firing and the
// message reach the next worker together; the history shows they did.
func TestConversationMessageRacingIdleTimeoutIsAnswered(t *testing.T) {
	e := newEnv(t, openaitest.Options{})
	w := e.startWorker()
	cv := e.client.Conversations(assistant.ConversationSettings{AssistantID: e.createAssistant(), IdleTimeout: 3 * time.Second})
	ctx := e.ctx(2 * time.Minute)
	id := e.idleFiredWithoutWorker(ctx, cv, w)
	type sent struct {
		r   assistant.TurnReply
		err error
	}
	done := make(chan sent, 1)
	go func() {
		r, err := cv.SendMessageWithID(ctx, e.key(), "late-message", "still there?")
		done <- sent{r, err}
	}()
	e.awaitUpdateAdmitted(ctx, id, "late-message")
	e.startWorker()

	got := <-done
	require.NoError(t, got.err, "the message was refused or dropped")
	require.Equal(t, "Echo: still there?", got.r.Reply)
	require.Equal(t, 2, got.r.Turn)
	require.True(t, e.sameTask(ctx, id), "the timer's firing and the message were not in one workflow task")
	require.Equal(t, 2, e.emu.Stats().RunsCreated)
}

// An End that arrives in the workflow task in which the idle timer fires
// ends the conversation as ended, not idle: a conversation set to delete
// its thread when idle keeps it, as End always does.
func TestConversationEndRacingIdleTimeoutIsAnEnd(t *testing.T) {
	e := newEnv(t, openaitest.Options{})
	w := e.startWorker()
	cv := e.client.Conversations(assistant.ConversationSettings{AssistantID: e.createAssistant(),
		IdleTimeout: 3 * time.Second, DeleteThreadOnIdle: true})
	ctx := e.ctx(2 * time.Minute)
	id := e.idleFiredWithoutWorker(ctx, cv, w)
	require.NoError(t, cv.End(ctx, e.key()))
	e.startWorker()

	var res assistant.ConversationResult
	require.NoError(t, e.tc.GetWorkflow(ctx, id, "").Get(ctx, &res))
	e.saveGolden(ctx, "conversation_end_idle_race", id, "")
	require.Equal(t, "ended", res.Reason)
	require.False(t, res.ThreadDeleted, "End deleted the thread")
	require.Zero(t, e.emu.Stats().Requests["DELETE /v1/threads/{thread_id}"])
}

// A message that arrives while a conversation is closing (ended idle, its
// thread being deleted) is answered by a new conversation under the key, as
// one that arrives a moment later would be: the closing one refuses it, and
// the client waits for it to close and sends again.
func TestConversationMessageWhileClosingStartsTheNextOne(t *testing.T) {
	e := newEnv(t, openaitest.Options{})
	e.startWorker()
	cv := e.client.Conversations(assistant.ConversationSettings{AssistantID: e.createAssistant(),
		IdleTimeout: 2 * time.Second, DeleteThreadOnIdle: true})
	ctx := e.ctx(2 * time.Minute)
	first, err := cv.SendMessage(ctx, e.key(), "hello")
	require.NoError(t, err)
	// The idle end's delete is refused once, and tried again 4 s later.
	const deleteRoute = "DELETE /v1/threads/{thread_id}"
	e.emu.InjectFault(fault(deleteRoute, openaitest.Fault{Status: 503, RetryAfter: 4 * time.Second}))
	require.Eventually(t, func() bool { return e.emu.Stats().Requests[deleteRoute] == 1 },
		20*time.Second, 20*time.Millisecond, "the idle end never tried to delete the thread")

	second, err := cv.SendMessage(ctx, e.key(), "still there?")
	require.NoError(t, err, "the message was refused")
	require.Equal(t, "Echo: still there?", second.Reply)
	require.Equal(t, 1, second.Turn, "the first turn of the next conversation")
	require.NotEqual(t, first.Epoch, second.Epoch)
	require.NotEqual(t, first.ThreadID, second.ThreadID)
}

// idleFiredWithoutWorker has the conversation under the env's key answer a
// first message, then stops the worker w until the conversation's idle timer
// has fired: what arrives next reaches the next worker in the workflow task
// that sees the timer fire. It returns the conversation's workflow ID.
func (e *env) idleFiredWithoutWorker(ctx context.Context, cv *client.Conversations, w *proc) string {
	e.t.Helper()
	id := assistant.ConversationWorkflowID(e.key())
	_, err := cv.SendMessage(ctx, e.key(), "hello")
	require.NoError(e.t, err)
	w.stop(syscall.SIGTERM)
	require.Eventually(e.t, func() bool { return e.countEvents(ctx, id, enumspb.EVENT_TYPE_TIMER_FIRED) == 1 },
		20*time.Second, 100*time.Millisecond, "the idle timer never fired")
	return id
}

// countEvents counts the events of a type in a workflow's history.
func (e *env) countEvents(ctx context.Context, workflowID string, typ enumspb.EventType) int {
	n := 0
	for _, ev := range e.history(ctx, workflowID) {
		if ev.GetEventType() == typ {
			n++
		}
	}
	return n
}

func (e *env) history(ctx context.Context, workflowID string) []*historypb.HistoryEvent {
	return e.historyOf(ctx, workflowID, "")
}

func (e *env) historyOf(ctx context.Context, workflowID, runID string) []*historypb.HistoryEvent {
	var out []*historypb.HistoryEvent
	it := e.tc.GetWorkflowHistory(ctx, workflowID, runID, false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	for it.HasNext() {
		ev, err := it.Next()
		require.NoError(e.t, err)
		out = append(out, ev)
	}
	return out
}

// sameTask reports whether the first idle timer fired in the workflow task
// that accepted the second message: no task completed between the two.
func (e *env) sameTask(ctx context.Context, workflowID string) bool {
	fired := false
	completed := 0
	for _, ev := range e.history(ctx, workflowID) {
		switch ev.GetEventType() {
		case enumspb.EVENT_TYPE_TIMER_FIRED:
			fired = true
		case enumspb.EVENT_TYPE_WORKFLOW_TASK_COMPLETED:
			if fired {
				completed++
			}
		case enumspb.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED:
			if fired {
				return completed == 1
			}
		}
	}
	return false
}

// awaitUpdateAdmitted waits until the server holds the Update.
func (e *env) awaitUpdateAdmitted(ctx context.Context, workflowID, updateID string) {
	e.t.Helper()
	require.Eventually(e.t, func() bool {
		pctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		_, err := e.tc.WorkflowService().PollWorkflowExecutionUpdate(pctx, &workflowservice.PollWorkflowExecutionUpdateRequest{
			Namespace:  "default",
			UpdateRef:  &updatepb.UpdateRef{WorkflowExecution: &commonpb.WorkflowExecution{WorkflowId: workflowID}, UpdateId: updateID},
			WaitPolicy: &updatepb.WaitPolicy{LifecycleStage: enumspb.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ADMITTED},
		})
		return err == nil
	}, 20*time.Second, 50*time.Millisecond, "the message never reached the server")
}
