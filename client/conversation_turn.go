package client

import (
	"context"
	"fmt"
	"strings"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// closedTurn is the error of an awaited turn whose Run workflow closed
// without a result (err). A cancelled one was cancelled by the end of its
// conversation (End, or the conversation's workflow cancelled) unless its
// conversation goes on: then someone cancelled the turn itself.
func (cv *Conversations) closedTurn(ctx context.Context, key string, r assistant.TurnReply, err error) error {
	if !temporal.IsCanceledError(err) {
		return &TurnFailedError{FailedTurn: assistant.NewFailedTurn(key, r.Turn, r.WorkflowID, err), cause: err}
	}
	ended, reason, qerr := cv.instanceEnd(ctx, key, r.Epoch)
	switch {
	case qerr != nil:
		return fmt.Errorf("turn %d (%s) was cancelled; reading its conversation: %w", r.Turn, r.WorkflowID, qerr)
	case !ended:
		return &TurnFailedError{FailedTurn: assistant.NewFailedTurn(key, r.Turn, r.WorkflowID, err), cause: err}
	}
	return &ConversationEndedError{EndedTurn: assistant.EndedTurn{Key: key, Turn: r.Turn, WorkflowID: r.WorkflowID,
		Reason: reason, Cancelled: true}, cause: err}
}

// instanceEnd reports whether the conversation instance epoch names is
// ending or has ended, and why when it can tell: its current run is asked
// (pinned to its run ID: the key may name a newer instance a moment
// later), a closed one is read. An instance the key no longer names has
// ended, for a reason not known here.
func (cv *Conversations) instanceEnd(ctx context.Context, key, epoch string) (ended bool, reason string, err error) {
	id := assistant.ConversationWorkflowID(key)
	d, err := cv.c.tc.DescribeWorkflowExecution(ctx, id, "")
	if err != nil {
		return false, "", err
	}
	info := d.GetWorkflowExecutionInfo()
	run := info.GetExecution().GetRunId()
	switch {
	case !strings.HasPrefix(info.GetFirstRunId(), epoch):
		return true, "", nil
	case info.GetStatus() == enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING:
		v, err := cv.c.tc.QueryWorkflow(ctx, id, run, assistant.QueryTurns)
		var st assistant.ConversationState
		if err == nil {
			err = v.Get(&st)
		}
		return st.Ended, st.Reason, err
	case info.GetStatus() == enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED:
		var res assistant.ConversationResult
		err := cv.c.tc.GetWorkflow(ctx, id, run).Get(ctx, &res)
		return true, res.Reason, err
	case info.GetStatus() == enumspb.WORKFLOW_EXECUTION_STATUS_CANCELED:
		return true, "cancelled", nil
	}
	return true, "", nil // terminated, failed or timed out
}
