package workflows

import (
	"context"
	"testing"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// onStream makes StreamRun answer the states in turn and records its inputs.
func (h *harness) onStream(states ...assistant.RunState) *[]activities.StreamRunInput {
	var got []activities.StreamRunInput
	h.env.OnActivity(a.StreamRun, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.StreamRunInput) (assistant.RunState, error) {
			h.mu.Lock()
			defer h.mu.Unlock()
			got = append(got, in)
			if len(got) > len(states) {
				return assistant.RunState{}, unexpectedErr("StreamRun")
			}
			return states[len(got)-1], nil
		})
	return &got
}

func unexpectedErr(name string) error {
	return temporal.NewNonRetryableApplicationError("unexpected call to "+name, errUnexpected, nil)
}

func streamRequest() assistant.RunRequest {
	req := baseRequest()
	req.Mode = assistant.ModeStream
	return req
}

// In stream mode the create and each submit are one StreamRun each; nothing
// polls, and the state machine keeps its shape.
func TestRunStreamModeToolRound(t *testing.T) {
	h := newHarness(t)
	calls := []assistant.ToolCall{toolCall("call_1", "weather"), toolCall("call_2", "time")}
	got := h.onStream(requiresAction(calls...), completed())
	h.onTools()
	h.run(streamRequest())

	res := h.result()
	require.Equal(t, assistant.StatusCompleted, res.Status)
	require.Equal(t, "Sunny, 21°C.", res.Reply)
	require.Len(t, res.ToolCalls, 2)
	require.Equal(t, []string{"StreamRun", "CallTool", "CallTool", "StreamRun"}, h.types())
	require.Len(t, *got, 2)
	start, submit := (*got)[0], (*got)[1]
	require.NotNil(t, start.Start)
	require.Nil(t, start.Submit)
	require.NotEmpty(t, start.Start.IdempotencyKey)
	require.Equal(t, baseRequest().Message, start.Start.Message)
	require.NotNil(t, submit.Submit)
	require.Equal(t, testRunID, submit.Submit.APIRunID)
	require.Len(t, submit.Submit.Outputs, 2)
	for _, info := range h.infos("StreamRun") {
		require.Equal(t, heartbeatTimeout, info.HeartbeatTimeout)
	}
	require.Equal(t, assistant.PhaseDone, h.query().Phase)
}

// A backend that cannot stream answers StreamRun with a pending run (poll
// fallback): the workflow then waits for it as in poll mode.
func TestRunStreamModeFallsBackToAwait(t *testing.T) {
	h := newHarness(t)
	h.onStream(state(assistant.StatusQueued))
	h.onAwait(completed())
	h.run(streamRequest())

	require.Equal(t, assistant.StatusCompleted, h.result().Status)
	require.Equal(t, []string{"StreamRun", "AwaitRun"}, h.types())
}

// A request without a mode takes the worker's default, recorded in history.
func TestRunDefaultModeComesFromTheWorker(t *testing.T) {
	for _, tc := range []struct {
		def  assistant.Mode
		want []string
	}{
		{assistant.ModeStream, []string{"StreamRun"}},
		{assistant.ModePoll, []string{"StartRun", "AwaitRun"}},
		{assistant.ModeDefault, []string{"StartRun", "AwaitRun"}},
	} {
		t.Run(string(tc.def)+"_default", func(t *testing.T) {
			h := newHarness(t)
			name := "RunWithDefaults"
			h.env.RegisterWorkflowWithOptions(RunWith(Defaults{Mode: tc.def}), workflow.RegisterOptions{Name: name})
			h.onStream(completed())
			h.onStart(state(assistant.StatusQueued))
			h.onAwait(completed())
			h.fallbacks()
			h.env.ExecuteWorkflow(name, baseRequest())
			require.True(t, h.env.IsWorkflowCompleted())
			require.Equal(t, assistant.StatusCompleted, h.result().Status)
			require.Equal(t, tc.want, h.types())
		})
	}
}

func TestRunRejectsUnknownMode(t *testing.T) {
	h := newHarness(t)
	req := baseRequest()
	req.Mode = "push"
	h.run(req)
	require.Equal(t, assistant.ErrorTypeInvalidInput, h.appError().Type())
}
