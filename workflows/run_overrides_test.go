package workflows

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// TestRunPassesOverridesToStart: the run's overrides reach the start
// activity as they were given.
func TestRunPassesOverridesToStart(t *testing.T) {
	h := newHarness(t)
	h.onStart(completed())
	req := baseRequest()
	temp := 0.5
	req.Overrides = &assistant.RunOverrides{Model: "gpt-4o-mini", Temperature: &temp, Tools: []string{"calculate"},
		ResponseFormat: &assistant.ResponseFormat{Type: assistant.FormatJSONObject}}
	h.run(req)
	require.Equal(t, assistant.StatusCompleted, h.result().Status)
	ins := inputs[activities.StartRunInput](h, "StartRun")
	require.Len(t, ins, 1)
	require.Equal(t, req.Overrides, ins[0].Overrides)
}

// TestRunRefusesBadOverrides: a bad override fails the workflow at once,
// naming the field, before anything is sent.
func TestRunRefusesBadOverrides(t *testing.T) {
	h := newHarness(t)
	req := baseRequest()
	top := 3.0
	req.Overrides = &assistant.RunOverrides{TopP: &top}
	h.run(req)
	appErr := h.appError()
	require.NotNil(t, appErr)
	require.Equal(t, assistant.ErrorTypeInvalidInput, appErr.Type())
	require.Contains(t, appErr.Error(), "overrides.top_p")
	require.Zero(t, h.calls("StartRun"), "nothing was sent")
}
