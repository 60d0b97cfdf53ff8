package workflows

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// convTest drives a Conversation whose turns are a fake Run child that
// echoes after turnTime, counting how many run at once. The fake is
// registered under the Run workflow's name rather than mocked: the test
// suite does not pass a cancellation on to a mocked child workflow, so an
// End would never reach the turn.
type convTest struct {
	t        *testing.T
	env      *testsuite.TestWorkflowEnvironment
	replies  map[string]assistant.TurnReply
	errs     map[string]error
	active   int
	maxAtOne int
	requests []assistant.RunRequest
	// cancels counts turns that saw their cancellation (the real Run then
	// cancels its API run once).
	cancels int
	// turnEnds, when set, runs as a turn's run returns; its error, if any,
	// is the run's.
	turnEnds func(req assistant.RunRequest) error
}

const convTurnTime = time.Minute

func newConvTest(t *testing.T) *convTest {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: assistant.ConversationWorkflowID("k1")})
	env.RegisterWorkflow(Conversation)
	ct := &convTest{t: t, env: env, replies: map[string]assistant.TurnReply{}, errs: map[string]error{}}
	env.RegisterWorkflowWithOptions(ct.run, workflow.RegisterOptions{Name: assistant.WorkflowRun})
	return ct
}

// run is the fake Run: it echoes the message after convTurnTime.
func (ct *convTest) run(ctx workflow.Context, req assistant.RunRequest) (assistant.Result, error) {
	ct.active++
	ct.maxAtOne = max(ct.maxAtOne, ct.active)
	ct.requests = append(ct.requests, req)
	defer func() { ct.active-- }()
	if err := workflow.Sleep(ctx, convTurnTime); err != nil {
		ct.cancels++
		return assistant.Result{}, err
	}
	if ct.turnEnds != nil {
		if err := ct.turnEnds(req); err != nil {
			return assistant.Result{}, err
		}
	}
	return assistant.Result{ThreadID: "thread_1", APIRunID: fmt.Sprintf("run_%d", len(ct.requests)),
		Status: assistant.StatusCompleted, Reply: "Echo: " + req.Message}, nil
}

// send delivers a SendMessage Update after d.
func (ct *convTest) send(d time.Duration, id, text string) {
	ct.env.RegisterDelayedCallback(func() {
		ct.env.UpdateWorkflow(assistant.UpdateSendMessage, id, &testsuite.TestUpdateCallback{
			OnReject: func(err error) { ct.errs[id] = err },
			OnAccept: func() {},
			OnComplete: func(v any, err error) {
				if err != nil {
					ct.errs[id] = err
					return
				}
				ct.replies[id] = v.(assistant.TurnReply)
			},
		}, assistant.SendMessageInput{Text: text})
	}, d)
}

func (ct *convTest) execute(in assistant.ConversationInput) {
	if in.Settings.AssistantID == "" {
		in.Settings.AssistantID = "asst_1"
	}
	ct.env.ExecuteWorkflow(Conversation, in)
	require.True(ct.t, ct.env.IsWorkflowCompleted())
}

func TestConversationAnswersInOrderOneTurnAtATime(t *testing.T) {
	ct := newConvTest(t)
	for i := 1; i <= 5; i++ {
		ct.send(time.Second, fmt.Sprintf("u%d", i), fmt.Sprintf("m%d", i))
	}
	ct.env.RegisterDelayedCallback(func() { ct.env.SignalWorkflow(assistant.SignalEnd, nil) }, 10*convTurnTime)
	ct.execute(assistant.ConversationInput{})

	require.NoError(t, ct.env.GetWorkflowError())
	require.Equal(t, 1, ct.maxAtOne, "turns must not overlap")
	for i := 1; i <= 5; i++ {
		r := ct.replies[fmt.Sprintf("u%d", i)]
		require.Equal(t, i, r.Turn)
		require.Equal(t, fmt.Sprintf("Echo: m%d", i), r.Reply)
		require.Contains(t, r.WorkflowID, fmt.Sprintf("/turn-%d", i))
	}
	// The first turn creates the thread; the others reuse it.
	require.Empty(t, ct.requests[0].ThreadID)
	for _, req := range ct.requests[1:] {
		require.Equal(t, "thread_1", req.ThreadID)
	}
	var res assistant.ConversationResult
	require.NoError(t, ct.env.GetWorkflowResult(&res))
	require.Equal(t, assistant.ConversationResult{ThreadID: "thread_1", TurnCount: 5, Reason: "ended"}, res)
}

func TestConversationRejectsBadMessages(t *testing.T) {
	ct := newConvTest(t)
	ct.send(time.Second, "empty", "  \n")
	ct.send(time.Second, "big", strings.Repeat("x", assistant.MaxMessageBytes+1))
	ct.execute(assistant.ConversationInput{Settings: assistant.ConversationSettings{IdleTimeout: time.Hour}})

	require.ErrorContains(t, ct.errs["empty"], "text is empty")
	require.ErrorContains(t, ct.errs["big"], "text is 262147 bytes encoded")
	require.Empty(t, ct.requests)
	var res assistant.ConversationResult
	require.NoError(t, ct.env.GetWorkflowResult(&res))
	require.Equal(t, "idle", res.Reason)
}

func TestConversationContinuesAsNewCarryingQueue(t *testing.T) {
	ct := newConvTest(t)
	for i := 1; i <= 3; i++ {
		ct.send(time.Second, fmt.Sprintf("u%d", i), fmt.Sprintf("m%d", i))
	}
	ct.env.RegisterDelayedCallback(func() { ct.env.SetContinueAsNewSuggested(true) }, 30*time.Second)
	ct.execute(assistant.ConversationInput{})

	var can *workflow.ContinueAsNewError
	require.True(t, errors.As(ct.env.GetWorkflowError(), &can), "want continue-as-new, got %v", ct.env.GetWorkflowError())
	var next assistant.ConversationInput
	require.NoError(t, converter.GetDefaultDataConverter().FromPayloads(can.Input, &next))

	// Turn 1 finished before continuing; turns 2 and 3 travel in the queue
	// and their callers are told where to await them.
	require.Equal(t, "Echo: m1", ct.replies["u1"].Reply)
	require.Equal(t, "thread_1", next.ThreadID)
	require.Equal(t, 3, next.TurnCount)
	require.Equal(t, []assistant.QueuedMessage{{UpdateID: "u2", Turn: 2, Text: "m2"}, {UpdateID: "u3", Turn: 3, Text: "m3"}}, next.Queue)
	require.Len(t, next.Seen, 3)
	require.NotEmpty(t, next.Epoch)
	for i, id := range []string{"u2", "u3"} {
		r := ct.replies[id]
		require.True(t, r.Pending)
		require.Equal(t, i+2, r.Turn)
		require.Equal(t, fmt.Sprintf("%s/%s/turn-%d", assistant.ConversationWorkflowID("k1"), next.Epoch, i+2), r.WorkflowID)
	}
}

func TestConversationRetriedUpdateAfterContinueAsNewJoinsItsTurn(t *testing.T) {
	ct := newConvTest(t)
	// u1 was answered in an earlier run; u2 is still queued from it.
	in := assistant.ConversationInput{
		TurnCount: 2, ThreadID: "thread_1", Epoch: "e1",
		Queue: []assistant.QueuedMessage{{UpdateID: "u2", Turn: 2, Text: "m2"}},
		Seen:  []assistant.SeenUpdate{{UpdateID: "u1", Turn: 1}, {UpdateID: "u2", Turn: 2}},
	}
	ct.send(time.Second, "u1", "m1")
	ct.send(time.Second, "u2", "m2")
	ct.env.RegisterDelayedCallback(func() { ct.env.SignalWorkflow(assistant.SignalEnd, nil) }, 5*convTurnTime)
	ct.execute(in)

	require.Len(t, ct.requests, 1, "a retried Update must not run a second turn")
	require.True(t, ct.replies["u1"].Pending)
	require.Equal(t, assistant.ConversationWorkflowID("k1")+"/e1/turn-1", ct.replies["u1"].WorkflowID)
	require.Equal(t, "Echo: m2", ct.replies["u2"].Reply)
	require.Equal(t, 2, ct.replies["u2"].Turn)
}
