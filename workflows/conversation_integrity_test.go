package workflows

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// TestConversationTurnIDsCarryWholeFirstRunID: a turn's workflow ID names
// its conversation instance by the whole first run ID. Its first 8
// characters, a UUIDv7 timestamp, repeat when a key is reused within a
// minute, and the new conversation's callers then read the old turns.
func TestConversationTurnIDsCarryWholeFirstRunID(t *testing.T) {
	ct := newConvTest(t)
	ct.send(time.Second, "u1", "m1")
	ct.env.RegisterDelayedCallback(func() { ct.env.SignalWorkflow(assistant.SignalEnd, nil) }, 2*convTurnTime)
	ct.execute(assistant.ConversationInput{})

	const run = "default-test-run-id" // the test suite's run ID
	require.Greater(t, len(run), epochIDLength)
	r := ct.replies["u1"]
	require.Equal(t, assistant.ConversationWorkflowID("k1")+"/"+run+"/turn-1", r.WorkflowID)
	require.Equal(t, run, r.Epoch)
}

// TestConversationEndWithContinueAsNewEnds: an End that arrives in the same
// workflow task as the continue-as-new suggestion ends the conversation; it
// used to be dropped with the old run's history.
func TestConversationEndWithContinueAsNewEnds(t *testing.T) {
	ct := newConvTest(t)
	ct.send(time.Second, "u1", "m1")
	// Both reach the idle conversation in one workflow task.
	ct.env.RegisterDelayedCallback(func() { ct.env.SignalWorkflowSkippingWorkflowTask(assistant.SignalEnd, nil) }, 2*convTurnTime)
	ct.env.RegisterDelayedCallback(func() { ct.env.SetContinueAsNewSuggested(true) }, 2*convTurnTime+time.Second)
	ct.execute(assistant.ConversationInput{Settings: assistant.ConversationSettings{IdleTimeout: time.Hour}})

	require.NoError(t, ct.env.GetWorkflowError(), "the End must not be lost to continue-as-new")
	var res assistant.ConversationResult
	require.NoError(t, ct.env.GetWorkflowResult(&res))
	require.Equal(t, "ended", res.Reason)
	require.Equal(t, "Echo: m1", ct.replies["u1"].Reply)
}

// TestConversationEndWithMessageBeforeFirstTaskRefusesIt: an End and a
// message that both reach a continued run before its first workflow task
// (after a worker restart, say): the message is refused as closing, so the
// client sends it to the next conversation. The End channel was read after
// the Update handler was set, which validates such a message at once, so
// the message was taken in, its turn started and was cancelled by the End.
func TestConversationEndWithMessageBeforeFirstTaskRefusesIt(t *testing.T) {
	ct := newConvTest(t)
	ct.env.SetContinuedExecutionRunID("previous")
	ct.env.RegisterDelayedCallback(func() { ct.env.SignalWorkflow(assistant.SignalEnd, nil) }, 0)
	ct.send(0, "u3", "m3")
	ct.execute(assistant.ConversationInput{TurnCount: 2, ThreadID: "thread_1", Epoch: "e1"})

	var app *temporal.ApplicationError
	require.ErrorAs(t, ct.errs["u3"], &app)
	require.Equal(t, assistant.ErrorTypeConversationClosing, app.Type(), "%v", ct.errs["u3"])
	require.Empty(t, ct.requests, "no turn may start in an ending conversation")
}

// TestConversationEndWithMessageInOneTaskRefusesIt: an End and a message
// that reach a live conversation in one workflow task: the message is
// refused as closing, so the client sends it to the next conversation.
func TestConversationEndWithMessageInOneTaskRefusesIt(t *testing.T) {
	ct := newConvTest(t)
	ct.send(time.Second, "u1", "m1")
	ct.env.RegisterDelayedCallback(func() { ct.env.SignalWorkflowSkippingWorkflowTask(assistant.SignalEnd, nil) }, 2*convTurnTime)
	ct.send(2*convTurnTime, "u2", "m2")
	ct.execute(assistant.ConversationInput{Settings: assistant.ConversationSettings{IdleTimeout: time.Hour}})

	require.Equal(t, "Echo: m1", ct.replies["u1"].Reply)
	var app *temporal.ApplicationError
	require.ErrorAs(t, ct.errs["u2"], &app)
	require.Equal(t, assistant.ErrorTypeConversationClosing, app.Type(), "%v", ct.errs["u2"])
	require.Len(t, ct.requests, 1, "no turn may start in an ending conversation")
}

// TestConversationEndWhileContinuingWithQueueEnds: End arrives while the
// run waits for its handlers to return before continuing as new; queued
// messages are dropped with an error, not carried into a new run.
func TestConversationEndWhileContinuingWithQueueEnds(t *testing.T) {
	ct := newConvTest(t)
	for _, id := range []string{"u1", "u2", "u3"} {
		ct.send(time.Second, id, "m-"+id)
	}
	ct.env.RegisterDelayedCallback(func() {
		ct.env.SignalWorkflow(assistant.SignalEnd, nil)
		ct.env.SetContinueAsNewSuggested(true)
	}, 90*time.Second) // during turn 2
	ct.execute(assistant.ConversationInput{})

	require.NoError(t, ct.env.GetWorkflowError())
	var res assistant.ConversationResult
	require.NoError(t, ct.env.GetWorkflowResult(&res))
	require.Equal(t, "ended", res.Reason)
	require.ErrorContains(t, ct.errs["u2"], `conversation "k1" ended while turn 2 was being answered`)
	require.ErrorContains(t, ct.errs["u3"], `conversation "k1" ended before turn 3 was answered`)
}

func TestValidateConversationKey(t *testing.T) {
	ok := []string{"k", "session-42", "user@example.com", "a.b_c:d-E9", strings.Repeat("k", assistant.MaxConversationKeyLen)}
	for _, k := range ok {
		require.NoError(t, assistant.ValidateConversationKey(k), k)
	}
	bad := map[string]string{
		"": "empty",
		strings.Repeat("k", assistant.MaxConversationKeyLen+1): "the limit is 200",
		"other/01a20904/turn-2":                                `has '/'`,
		"a b":                                                  `has ' '`,
		"é":                                                    `has 'é'`,
		"new\nline":                                            `has '\n'`,
	}
	for k, want := range bad {
		err := assistant.ValidateConversationKey(k)
		require.ErrorContains(t, err, "conversation key", "%q", k)
		require.ErrorContains(t, err, want, "%q", k)
	}
}

// TestConversationRejectsBadKeyAtStart: a conversation whose key could name
// another conversation's turn fails at once, and its message is rejected
// with the reason, before anything runs.
func TestConversationRejectsBadKeyAtStart(t *testing.T) {
	for key, want := range map[string]string{
		"other/01a20904/turn-2":                                `has '/'`,
		strings.Repeat("k", assistant.MaxConversationKeyLen+1): "the limit is 200",
	} {
		ct := newConvTest(t)
		ct.env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: assistant.ConversationWorkflowID(key)})
		ct.send(0, "u1", "hi")
		ct.execute(assistant.ConversationInput{})

		err := ct.env.GetWorkflowError()
		require.ErrorContains(t, err, "invalid conversation: conversation key")
		require.ErrorContains(t, err, want)
		var app *temporal.ApplicationError
		require.ErrorAs(t, err, &app)
		require.True(t, app.NonRetryable())
		require.ErrorContains(t, ct.errs["u1"], "invalid conversation: conversation key")
		require.Empty(t, ct.requests)
	}
}

// TestConversationRejectsBadSettingsAtStart: settings are checked as a run
// request is (UTF-8 cannot be: JSON already replaced invalid bytes; the
// client checks it).
func TestConversationRejectsBadSettingsAtStart(t *testing.T) {
	cases := map[string]assistant.ConversationSettings{
		"settings: instructions is":           {AssistantID: "asst_1", Instructions: strings.Repeat("<", 30<<10)},
		"settings: assistant_id is 302 bytes": {AssistantID: strings.Repeat("a", 300)},
		"settings: idle_timeout is -1s":       {AssistantID: "asst_1", IdleTimeout: -time.Second},
	}
	for want, s := range cases {
		ct := newConvTest(t)
		ct.execute(assistant.ConversationInput{Settings: s})
		require.ErrorContains(t, ct.env.GetWorkflowError(), want, "%+v", s)
	}
}

// TestConversationLimitsMessagesOnEncodedSize: a message is limited by the
// bytes it takes once encoded, '<' taking 6, and so is the queue.
func TestConversationLimitsMessagesOnEncodedSize(t *testing.T) {
	ct := newConvTest(t)
	ct.send(time.Second, "lt", strings.Repeat("<", 50<<10)) // 50 KiB raw, 300 KiB sent
	ct.send(time.Second, strings.Repeat("i", assistant.MaxMessageIDBytes+1), "hi")
	ct.execute(assistant.ConversationInput{Settings: assistant.ConversationSettings{IdleTimeout: time.Hour}})

	require.ErrorContains(t, ct.errs["lt"], "text is 307202 bytes encoded")
	require.ErrorContains(t, ct.errs[strings.Repeat("i", assistant.MaxMessageIDBytes+1)], "message ID is 259 bytes")
	require.Empty(t, ct.requests)
}
