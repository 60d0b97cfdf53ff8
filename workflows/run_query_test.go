package workflows

import (
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// The state query tells where the run is while it is there: each case parks
// the workflow in one step (an activity that takes a minute) and queries it
// halfway.
func TestRunStateQuery(t *testing.T) {
	const slow = time.Minute
	threeCalls := requiresAction(toolCall("call_1", "weather"), toolCall("call_2", "time"), toolCall("call_3", "news"))
	for _, tc := range []struct {
		name   string
		thread string
		setup  func(h *harness)
		cancel bool
		want   assistant.RunView
	}{
		{"creating thread", "", func(h *harness) {
			h.env.OnActivity(a.CreateThread, mock.Anything, mock.Anything).After(slow).Return(
				activities.CreateThreadResult{ThreadID: "thread_new"}, nil)
			h.onStart(completed())
		}, false, assistant.RunView{Phase: assistant.PhaseCreatingThread}},
		{"starting and following the run", "", func(h *harness) {
			h.env.OnActivity(a.CreateThread, mock.Anything, mock.Anything).Return(
				activities.CreateThreadResult{ThreadID: "thread_new"}, nil)
			h.env.OnActivity(a.StartRun, mock.Anything, mock.Anything).After(slow).Return(completed(), nil)
		}, false, assistant.RunView{Phase: assistant.PhaseWaiting, ThreadID: "thread_new"}},
		{"waiting", testThreadID, func(h *harness) {
			h.onStart(state(assistant.StatusQueued))
			h.env.OnActivity(a.AwaitRun, mock.Anything, mock.Anything).After(slow).Return(completed(), nil)
		}, false, assistant.RunView{Phase: assistant.PhaseWaiting, ThreadID: testThreadID, APIRunID: testRunID, Status: assistant.StatusQueued}},
		{"calling tools", testThreadID, func(h *harness) {
			h.onStart(threeCalls)
			h.env.OnActivity(a.CallTool, mock.Anything, mock.Anything).After(slow).Return(echo)
			h.onSubmit(completed())
		}, false, assistant.RunView{Phase: assistant.PhaseCallingTools, ThreadID: testThreadID, APIRunID: testRunID,
			Status: assistant.StatusRequiresAction, PendingTools: []string{"weather", "time", "news"}, ToolRounds: 1}},
		{"submitting and following the run", testThreadID, func(h *harness) {
			h.onStart(threeCalls)
			h.onTools()
			h.env.OnActivity(a.SubmitToolOutputs, mock.Anything, mock.Anything).After(slow).Return(completed(), nil)
		}, false, assistant.RunView{Phase: assistant.PhaseWaiting, ThreadID: testThreadID, APIRunID: testRunID,
			Status: assistant.StatusRequiresAction, ToolRounds: 1}},
		{"cancelling", testThreadID, func(h *harness) {
			h.env.OnActivity(a.StartRun, mock.Anything, mock.Anything).Return(state(assistant.StatusInProgress), nil)
			h.env.OnActivity(a.AwaitRun, mock.Anything, mock.Anything).After(time.Hour).Return(completed(), nil)
			h.env.OnActivity(a.CancelRun, mock.Anything, mock.Anything).After(slow).Return(state(assistant.StatusCancelled), nil)
		}, true, assistant.RunView{Phase: assistant.PhaseCancelling, ThreadID: testThreadID, APIRunID: testRunID, Status: assistant.StatusInProgress}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			tc.setup(h)
			at := slow / 2
			if tc.cancel {
				h.env.RegisterDelayedCallback(h.env.CancelWorkflow, time.Second)
				at = time.Second + slow/2
			}
			var got *assistant.RunView
			h.env.RegisterDelayedCallback(func() {
				st := h.query()
				got = &st
			}, at)
			req := baseRequest()
			req.ThreadID = tc.thread
			h.run(req)

			require.NotNil(t, got, "the query did not run")
			require.Equal(t, tc.want, *got)
			require.Equal(t, assistant.PhaseDone, h.query().Phase)
		})
	}
}
