package client

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/api/serviceerror"
	tclient "go.temporal.io/sdk/client"
	"go.temporal.io/sdk/mocks"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// TestSendMessageOutlastsOneUpdateCall: an Update-with-Start call that gives
// up after its minute (the server refused the message while 10 others were in
// flight) is sent again with the same message ID, each time with a start
// operation of its own, until the message is accepted and answered.
func TestSendMessageOutlastsOneUpdateCall(t *testing.T) {
	tc := &mocks.Client{}
	tc.On("NewWithStartWorkflowOperation", mock.Anything, mock.Anything, mock.Anything).
		Return(startOp{}).Times(3)
	var ids []string
	record := func(args mock.Arguments) {
		ids = append(ids, args.Get(1).(tclient.UpdateWithStartWorkflowOptions).UpdateOptions.UpdateID)
	}
	gaveUp := tclient.NewWorkflowUpdateServiceTimeoutOrCanceledError(serviceerror.NewDeadlineExceeded("deadline"))
	h := &mocks.WorkflowUpdateHandle{}
	h.On("Get", mock.Anything, mock.Anything).Run(func(args mock.Arguments) {
		*args.Get(1).(*assistant.TurnReply) = assistant.TurnReply{Turn: 40, Result: assistant.Result{Reply: "Echo: hi"}}
	}).Return(nil)
	tc.On("UpdateWithStartWorkflow", mock.Anything, mock.Anything).Run(record).Return(nil, gaveUp).Twice()
	tc.On("UpdateWithStartWorkflow", mock.Anything, mock.Anything).Run(record).Return(h, nil).Once()
	cv := New(tc, Options{TaskQueue: "q"}).Conversations(assistant.ConversationSettings{AssistantID: "a"})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()

	r, err := cv.SendMessageWithID(ctx, "k", "m-1", "hi")
	require.NoError(t, err)
	require.Equal(t, "Echo: hi", r.Reply)
	require.Equal(t, []string{"m-1", "m-1", "m-1"}, ids)
	tc.AssertExpectations(t)
}

// startOp stands for the SDK's start operation, which the mocks lack.
type startOp struct{}

func (startOp) Get(context.Context) (tclient.WorkflowRun, error) { return nil, nil }
