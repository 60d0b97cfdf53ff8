package workflows

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/activity"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// defaultTaskQueue is the test environment's task queue: a tool without its
// own runs on the workflow's.
const defaultTaskQueue = "default-test-taskqueue"

// A tool call is scheduled by its policy (timeout, attempts, task queue), and
// within the run's expiry: the whole call, retries included, must end
// submitMargin before expires_at.
func TestRunToolActivityOptions(t *testing.T) {
	in := func(d time.Duration) int64 { return testStart.Add(d).Unix() }
	for _, tc := range []struct {
		name      string
		policy    assistant.ToolPolicy
		expiresAt int64
		wantQueue string
		wantStart time.Duration // StartToClose
		wantTotal time.Duration // ScheduleToClose
	}{
		{"defaults", assistant.ToolPolicy{}, 0,
			defaultTaskQueue, defaultToolTimeout, defaultToolTimeout * time.Duration(defaultToolTries) * 2},
		{"policy", assistant.ToolPolicy{Timeout: 45 * time.Second, MaxAttempts: 4, TaskQueue: "tools-gpu"}, 0,
			"tools-gpu", 45 * time.Second, 45 * time.Second * 4 * 2},
		{"expiry far away", assistant.ToolPolicy{}, in(time.Hour),
			defaultTaskQueue, defaultToolTimeout, defaultToolTimeout * time.Duration(defaultToolTries) * 2},
		{"expiry bounds the budget", assistant.ToolPolicy{}, in(time.Minute),
			defaultTaskQueue, defaultToolTimeout, time.Minute - submitMargin},
		{"expiry bounds the timeout too", assistant.ToolPolicy{Timeout: 2 * time.Minute, MaxAttempts: 1}, in(time.Minute),
			defaultTaskQueue, time.Minute - submitMargin, time.Minute - submitMargin},
		{"expiry close", assistant.ToolPolicy{TaskQueue: "tools-gpu"}, in(20 * time.Second),
			"tools-gpu", 20*time.Second - submitMargin, 20*time.Second - submitMargin},
		{"expiry already past: one second", assistant.ToolPolicy{}, in(-time.Minute),
			defaultTaskQueue, time.Second, time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			call := toolCall("call_1", "weather")
			call.Policy = tc.policy
			st := requiresAction(call)
			st.ExpiresAt = tc.expiresAt
			h.onStart(st)
			var queueSeen string
			h.env.OnActivity(a.CallTool, mock.Anything, mock.Anything).Return(
				func(ctx context.Context, in activities.CallToolInput) (assistant.ToolOutput, error) {
					queueSeen = activity.GetInfo(ctx).TaskQueue
					return echo(ctx, in)
				})
			h.onSubmit(completed())
			h.run(baseRequest())

			require.Equal(t, assistant.StatusCompleted, h.result().Status)
			infos := h.infos("CallTool")
			require.Len(t, infos, 1)
			info := infos[0]
			require.Equal(t, tc.wantQueue, info.TaskQueue)
			require.Equal(t, tc.wantQueue, queueSeen)
			require.Equal(t, tc.wantStart, info.StartToCloseTimeout)
			require.Equal(t, tc.wantTotal, info.ScheduleToCloseTimeout)
			require.Equal(t, min(heartbeatTimeout, tc.wantStart), info.HeartbeatTimeout)
			if tc.expiresAt > testStart.Unix() {
				end := testStart.Add(info.ScheduleToCloseTimeout)
				require.False(t, end.After(time.Unix(tc.expiresAt, 0).Add(-submitMargin)),
					"tool budget ends at %v, after expires_at minus the margin", end)
			}
		})
	}
}

// The tool's MaxAttempts is its retry policy: a failing call is tried that
// many times (the default when unset).
func TestRunToolAttempts(t *testing.T) {
	for _, tc := range []struct {
		attempts int32
		want     int
	}{{0, int(defaultToolTries)}, {1, 1}, {5, 5}} {
		h := newHarness(t)
		call := toolCall("call_1", "weather")
		call.Policy.MaxAttempts = tc.attempts
		h.onStart(requiresAction(call))
		h.env.OnActivity(a.CallTool, mock.Anything, mock.Anything).Return(
			func(context.Context, activities.CallToolInput) (assistant.ToolOutput, error) {
				return assistant.ToolOutput{}, retryableToolFault()
			})
		h.onSubmit(completed())
		h.run(baseRequest())
		h.result()
		require.Equal(t, tc.want, h.calls("CallTool"), "MaxAttempts %d", tc.attempts)
	}
}

// Creating the thread is short (one request, retried within a budget); the
// start and the submit follow the run, and the waits, are long and heartbeat.
func TestRunActivityOptions(t *testing.T) {
	h := newHarness(t)
	h.env.OnActivity(a.CreateThread, mock.Anything, mock.Anything).Return(
		activities.CreateThreadResult{ThreadID: testThreadID}, nil)
	h.onStart(state(assistant.StatusQueued))
	h.onAwait(requiresAction(toolCall("call_1", "weather")))
	h.onTools()
	h.env.OnActivity(a.SubmitToolOutputs, mock.Anything, mock.Anything).After(time.Hour).Return(completed(), nil)
	h.onCancel()
	req := baseRequest()
	req.ThreadID = ""
	h.runCancelled(req)

	for _, tc := range []struct {
		typ                        string
		start, total, heartbeatDur time.Duration
	}{
		{"CreateThread", shortCallTimeout, shortCallBudget, 0},
		{"StartRun", awaitTimeout, 2 * awaitTimeout, heartbeatTimeout},
		{"SubmitToolOutputs", awaitTimeout, 2 * awaitTimeout, heartbeatTimeout},
		{"AwaitRun", awaitTimeout, 2 * awaitTimeout, heartbeatTimeout},
		{"CancelRun", awaitTimeout, 2 * awaitTimeout, heartbeatTimeout},
	} {
		infos := h.infos(tc.typ)
		require.Len(t, infos, 1, tc.typ)
		require.Equal(t, defaultTaskQueue, infos[0].TaskQueue, tc.typ)
		require.Equal(t, tc.start, infos[0].StartToCloseTimeout, tc.typ)
		require.Equal(t, tc.total, infos[0].ScheduleToCloseTimeout, tc.typ)
		require.Equal(t, tc.heartbeatDur, infos[0].HeartbeatTimeout, tc.typ)
	}
}
