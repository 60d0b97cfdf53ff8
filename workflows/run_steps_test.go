package workflows

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

func stepsRequest() assistant.RunRequest {
	req := baseRequest()
	req.IncludeSteps = true
	return req
}

// Asked for, the steps of a run whose states carry none (assistants
// protocol) are listed once, at the end, and cut to the Result's caps.
func TestRunStepsListedOnceWhenAsked(t *testing.T) {
	h := newHarness(t)
	h.onStart(requiresAction(toolCall("call_1", "dump")))
	h.onTools()
	h.onSubmit(completed())
	long := strings.Repeat("<x>", 2*maxRecordedBytes)
	listed := []assistant.RunStep{
		{ID: "step_1", Type: "tool_calls", ToolCalls: []assistant.StepToolCall{{ID: "call_1", Type: "code_interpreter", Arguments: "print(1)", Output: long}}},
		{ID: "step_2", Type: "message_creation", MessageID: "msg_1"},
	}
	h.env.OnActivity(a.ListRunStepPages, mock.Anything, mock.Anything).Return(activities.RunSteps{Steps: listed}, nil).Once()
	h.run(stepsRequest())

	res := h.result()
	require.Equal(t, 1, h.calls("ListRunStepPages"))
	require.Len(t, res.Steps, 2)
	call := res.Steps[0].ToolCalls[0]
	require.True(t, call.Truncated)
	require.LessOrEqual(t, assistant.EncodedLen(call.Output), maxRecordedBytes)
	require.Equal(t, listed[1], res.Steps[1])
}

// By default no steps are listed: no activity, no request, no field.
func TestRunStepsNotListedByDefault(t *testing.T) {
	h := newHarness(t)
	st := completed()
	st.Steps = []assistant.RunStep{{ID: "msg_1", Type: "message_creation", MessageID: "msg_1"}}
	h.onStart(st)
	h.run(baseRequest())
	require.Zero(t, h.calls("ListRunStepPages"))
	require.Empty(t, h.result().Steps)
}

// Steps the states carry (responses protocol) are merged across turns with
// no listing; a function call's output, sent after the turn, comes from the
// call the workflow made.
func TestRunStepsFromStatesNeedNoListing(t *testing.T) {
	h := newHarness(t)
	ra := requiresAction(toolCall("call_1", "dump"))
	ra.Steps = []assistant.RunStep{{ID: "fc_1", Type: "tool_calls", ToolCalls: []assistant.StepToolCall{{ID: "call_1", Type: "function", Name: "dump", Arguments: `{"q":"call_1"}`}}}}
	h.onStart(ra)
	h.onTools()
	done := completed()
	done.Steps = []assistant.RunStep{{ID: "msg_1", Type: "message_creation", MessageID: "msg_1"}}
	h.onSubmit(done)
	h.run(stepsRequest())

	res := h.result()
	require.Zero(t, h.calls("ListRunStepPages"))
	require.Len(t, res.Steps, 2)
	require.Equal(t, "out:call_1", res.Steps[0].ToolCalls[0].Output)
	require.Equal(t, "msg_1", res.Steps[1].MessageID)
}

// A Result lists at most maxRecordedSteps steps and counts the rest: those
// the listing returned past them and those it only counted (more than a
// page: ListRunStepPages keeps the first ones).
func TestRunStepsCapped(t *testing.T) {
	h := newHarness(t)
	h.onStart(completed())
	many := make([]assistant.RunStep, maxRecordedSteps+7)
	for i := range many {
		many[i] = assistant.RunStep{ID: fmt.Sprintf("step_%d", i), Type: "message_creation"}
	}
	h.env.OnActivity(a.ListRunStepPages, mock.Anything, mock.Anything).Return(activities.RunSteps{Steps: many, Omitted: 150}, nil).Once()
	h.run(stepsRequest())
	res := h.result()
	require.Len(t, res.Steps, maxRecordedSteps)
	require.Equal(t, 157, res.StepsOmitted)
}

// On a history from before versionStepPages the steps are listed as then:
// one page, by ListRunSteps.
func TestRunStepsBeforePagesListOnePage(t *testing.T) {
	h := newHarness(t)
	h.onStart(completed())
	h.env.OnGetVersion(versionStepPages, workflow.DefaultVersion, 1).Return(workflow.DefaultVersion)
	h.env.OnActivity(a.ListRunSteps, mock.Anything, mock.Anything).Return([]assistant.RunStep{{ID: "step_1", Type: "message_creation"}}, nil).Once()
	h.run(stepsRequest())
	require.Len(t, h.result().Steps, 1)
	require.Equal(t, 1, h.calls("ListRunSteps"))
	require.Zero(t, h.calls("ListRunStepPages"))
}

// The run activities learn whether the run asked for its steps: their
// states are history, and carry steps only when asked (activities drop them
// otherwise). Start, waits, submit and cancel alike.
func TestRunActivitiesToldWhetherStepsAreAsked(t *testing.T) {
	for _, include := range []bool{false, true} {
		req := baseRequest()
		req.IncludeSteps = include

		h := newHarness(t)
		h.onStart(state(assistant.StatusQueued))
		h.onAwait(requiresAction(toolCall("call_1", "dump")))
		h.onTools()
		h.onSubmit(completed())
		h.env.OnActivity(a.ListRunSteps, mock.Anything, mock.Anything).Return(nil, nil)
		h.run(req)
		h.result()
		require.Equal(t, include, inputs[activities.StartRunInput](h, "StartRun")[0].IncludeSteps)
		require.Equal(t, include, inputs[activities.AwaitRunInput](h, "AwaitRun")[0].IncludeSteps)
		require.Equal(t, include, inputs[activities.SubmitToolOutputsInput](h, "SubmitToolOutputs")[0].IncludeSteps)

		h = newHarness(t)
		h.onStart(state(assistant.StatusQueued))
		h.env.OnActivity(a.AwaitRun, mock.Anything, mock.Anything).After(time.Hour).Return(completed(), nil)
		h.onCancel()
		h.runCancelled(req)
		require.Equal(t, include, inputs[activities.CancelRunInput](h, "CancelRun")[0].IncludeSteps)
	}
}
