package client

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	workflowpb "go.temporal.io/api/workflow/v1"
	"go.temporal.io/api/workflowservice/v1"
	tclient "go.temporal.io/sdk/client"
	"go.temporal.io/sdk/mocks"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// TestConversationsCheckBeforeSending: bad input is refused, naming what is
// wrong, before anything reaches Temporal (the client here has no
// connection: a call would panic).
func TestConversationsCheckBeforeSending(t *testing.T) {
	ok := assistant.ConversationSettings{AssistantID: "asst_1"}
	cases := []struct {
		name                 string
		settings             assistant.ConversationSettings
		key, messageID, text string
		want                 string
	}{
		{"key naming another conversation's turn", ok, "other/019ad4c1/turn-2", "m1", "hi", `conversation key "other/019ad4c1/turn-2" has '/'`},
		{"long key", ok, strings.Repeat("k", 201), "m1", "hi", "has 201 bytes; the limit is 200"},
		{"empty key", ok, "", "m1", "hi", "conversation key is empty"},
		{"long message ID", ok, "k", strings.Repeat("<", 50), "hi", "message ID is 302 bytes encoded"},
		{"message of <", ok, "k", "m1", strings.Repeat("<", 50<<10), "message is 307202 bytes encoded"},
		{"message not UTF-8", ok, "k", "m1", "hi \xff", "message is not valid UTF-8"},
		{"instructions not UTF-8", assistant.ConversationSettings{AssistantID: "a", Instructions: "\xfe"}, "k", "m1", "hi",
			"invalid conversation settings: instructions is not valid UTF-8"},
		{"instructions of control characters", assistant.ConversationSettings{AssistantID: "a", Instructions: strings.Repeat("\x02", 30<<10)}, "k", "m1", "hi",
			"instructions is 184322 bytes encoded"},
		{"no assistant", assistant.ConversationSettings{}, "k", "m1", "hi", "assistant_id is empty"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cv := New(nil, Options{TaskQueue: "q"}).Conversations(tc.settings)
			_, err := cv.SendMessageWithID(context.Background(), tc.key, tc.messageID, tc.text)
			require.ErrorContains(t, err, tc.want)
		})
	}
	cv := New(nil, Options{TaskQueue: "q"}).Conversations(ok)
	require.ErrorContains(t, cv.End(context.Background(), "a/b"), "has '/'")
	_, err := cv.History(context.Background(), "a/b")
	require.ErrorContains(t, err, "has '/'")
	_, err = cv.PendingApprovals(context.Background(), "a/b")
	require.ErrorContains(t, err, "has '/'")
}

// notFoundRun is a turn workflow that does not exist (yet).
type notFoundRun struct{ tclient.WorkflowRun }

func (notFoundRun) Get(context.Context, any) error {
	return serviceerror.NewNotFound("no such workflow")
}

// TestAwaitTurnOfEndedInstanceUnderReusedKey: a turn carried over a
// continue-as-new whose conversation then ended never starts; when the key
// already names a newer conversation, which runs, the caller is told its
// own conversation ended instead of waiting for ever.
func TestAwaitTurnOfEndedInstanceUnderReusedKey(t *testing.T) {
	tc := &mocks.Client{}
	turn := assistant.ConversationWorkflowID("k") + "/run-A/turn-6"
	tc.On("GetWorkflow", mock.Anything, turn, "").Return(notFoundRun{})
	tc.On("DescribeWorkflowExecution", mock.Anything, assistant.ConversationWorkflowID("k"), "").Return(
		&workflowservice.DescribeWorkflowExecutionResponse{WorkflowExecutionInfo: &workflowpb.WorkflowExecutionInfo{
			Status: enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING, FirstRunId: "run-B"}}, nil)
	cv := New(tc, Options{TaskQueue: "q"}).Conversations(assistant.ConversationSettings{AssistantID: "a"})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()

	_, err := cv.awaitTurn(ctx, "k", assistant.TurnReply{Turn: 6, WorkflowID: turn, Epoch: "run-A", Pending: true})
	require.ErrorIs(t, err, ErrConversationEnded)
	var ended *ConversationEndedError
	require.ErrorAs(t, err, &ended)
	require.Equal(t, assistant.EndedTurn{Key: "k", Turn: 6, WorkflowID: turn}, ended.EndedTurn)
	require.EqualError(t, err, `conversation "k" ended before turn 6 was answered: its message was not sent`)
}
