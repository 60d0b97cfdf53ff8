package activities_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// The states the run activities return are history: they carry the run's
// steps only when the run asked for them (RunRequest.IncludeSteps), on
// every path that reads steps: the assistants stream's step events, the
// responses' output items (poll and stream).
func TestStatesCarryStepsOnlyWhenAsked(t *testing.T) {
	const msg = "call: calculate {\"expression\":\"2+3\"}"
	for _, include := range []bool{false, true} {
		t.Run(fmt.Sprintf("assistants stream, asked %t", include), func(t *testing.T) {
			h := newStreamHarness(t, openaitest.Options{})
			in := h.startInput(msg, "steps-a")
			in.IncludeSteps = include
			st, err := h.stream(activities.StreamRunInput{Start: &in})
			require.NoError(t, err)
			requireSteps(t, include, st)
			done, err := h.stream(activities.StreamRunInput{Submit: h.submitFive(st, include)})
			require.NoError(t, err)
			requireSteps(t, include, done)
		})
		t.Run(fmt.Sprintf("responses poll, asked %t", include), func(t *testing.T) {
			h := newResponsesStreamHarness(t, openaitest.Options{})
			in := h.responsesStart(msg, "steps-p")
			in.Follow, in.IncludeSteps = true, include
			var st assistant.RunState
			require.NoError(t, h.exec(&st, h.acts.StartRun, in))
			requireSteps(t, include, st)
			sub := h.submitFive(st, include)
			sub.Follow = true
			var done assistant.RunState
			require.NoError(t, h.exec(&done, h.acts.SubmitToolOutputs, *sub))
			requireSteps(t, include, done)
		})
		t.Run(fmt.Sprintf("responses stream, asked %t", include), func(t *testing.T) {
			h := newResponsesStreamHarness(t, openaitest.Options{})
			in := h.responsesStart(msg, "steps-s")
			in.IncludeSteps = include
			st, err := h.stream(activities.StreamRunInput{Start: &in})
			require.NoError(t, err)
			requireSteps(t, include, st)
			done, err := h.stream(activities.StreamRunInput{Submit: h.submitFive(st, include)})
			require.NoError(t, err)
			requireSteps(t, include, done)
		})
	}
}

// submitFive answers the run's one call with "5".
func (h *streamHarness) submitFive(st assistant.RunState, includeSteps bool) *activities.SubmitToolOutputsInput {
	h.t.Helper()
	require.Equal(h.t, assistant.StatusRequiresAction, st.Status)
	return &activities.SubmitToolOutputsInput{ThreadID: st.ThreadID, APIRunID: st.APIRunID,
		Outputs: []assistant.ToolOutput{{ToolCallID: st.ToolCalls[0].ID, Output: "5"}}, IncludeSteps: includeSteps}
}

func requireSteps(t *testing.T, include bool, st assistant.RunState) {
	t.Helper()
	if include {
		require.NotEmpty(t, st.Steps, "asked for, the state carries the steps it saw")
	} else {
		require.Empty(t, st.Steps, "not asked for, the state carries no steps")
	}
}
