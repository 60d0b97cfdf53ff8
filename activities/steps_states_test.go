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
	assistants := func(t *testing.T) (*streamHarness, activities.StartRunInput) {
		h := newStreamHarness(t, openaitest.Options{})
		return h, h.startInput(msg, "steps-1")
	}
	responses := func(t *testing.T) (*streamHarness, activities.StartRunInput) {
		h := newResponsesStreamHarness(t, openaitest.Options{})
		return h, h.responsesStart(msg, "steps-1")
	}
	for _, include := range []bool{false, true} {
		for _, tc := range []struct {
			name   string
			setup  func(*testing.T) (*streamHarness, activities.StartRunInput)
			stream bool
		}{
			{"assistants stream", assistants, true},
			{"responses stream", responses, true},
			{"responses poll", responses, false},
		} {
			t.Run(fmt.Sprintf("%s, asked %t", tc.name, include), func(t *testing.T) {
				h, in := tc.setup(t)
				in.IncludeSteps = include
				st := h.follow(activities.StreamRunInput{Start: &in}, tc.stream)
				requireSteps(t, include, st)
				require.Equal(t, assistant.StatusRequiresAction, st.Status)
				sub := activities.SubmitToolOutputsInput{ThreadID: st.ThreadID, APIRunID: st.APIRunID, IncludeSteps: include,
					Outputs: []assistant.ToolOutput{{ToolCallID: st.ToolCalls[0].ID, Output: "5"}}}
				done := h.follow(activities.StreamRunInput{Submit: &sub}, tc.stream)
				requireSteps(t, include, done)
			})
		}
	}
}

// follow runs a start or a submit that follows the run: streamed, or
// polled (StartRun or SubmitToolOutputs with Follow).
func (h *streamHarness) follow(in activities.StreamRunInput, stream bool) assistant.RunState {
	h.t.Helper()
	var st assistant.RunState
	var err error
	switch {
	case stream:
		st, err = h.stream(in)
	case in.Start != nil:
		start := *in.Start
		start.Follow = true
		err = h.exec(&st, h.acts.StartRun, start)
	default:
		sub := *in.Submit
		sub.Follow = true
		err = h.exec(&st, h.acts.SubmitToolOutputs, sub)
	}
	require.NoError(h.t, err)
	return st
}

func requireSteps(t *testing.T, include bool, st assistant.RunState) {
	t.Helper()
	if include {
		require.NotEmpty(t, st.Steps, "asked for, the state carries the steps it saw")
	} else {
		require.Empty(t, st.Steps, "not asked for, the state carries no steps")
	}
}
