package workflows

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/tools"
)

// maxSizeOutput is an output at the tools' cap once encoded: plain text, or
// text that JSON escapes (then fewer raw bytes).
func maxSizeOutput(i int) string {
	unit := "x"
	if i%2 == 1 {
		unit = "<\x01" // 12 bytes once encoded
	}
	return assistant.CutEncoded(strings.Repeat(unit, tools.MaxOutputBytes), tools.MaxOutputBytes)
}

// A round of many max-size outputs (100 x 32 KiB: 3.2 MB, over Temporal's
// 2 MB payload limit) is submitted within maxSubmitBytes once encoded: the
// largest outputs are cut with a note, small ones pass whole, and the run
// goes on instead of being terminated with its API run waiting.
// With the run's own settings carried (CarrySettings: instructions at their
// limit, worst-case characters), the outputs take what the settings leave.
func TestRunRoundOfLargeOutputsFitsOneSubmit(t *testing.T) {
	for _, carry := range []bool{false, true} {
		t.Run(fmt.Sprintf("carry settings %v", carry), func(t *testing.T) { roundOfLargeOutputs(t, carry) })
	}
}

func roundOfLargeOutputs(t *testing.T, carry bool) {
	h := newHarness(t)
	const n = 100
	calls := make([]assistant.ToolCall, n)
	for i := range calls {
		calls[i] = toolCall(fmt.Sprintf("call_%03d", i), "dump")
	}
	st := requiresAction(calls...)
	st.CarrySettings = carry
	h.onStart(st)
	req := baseRequest()
	if carry {
		req.Instructions = assistant.CutEncoded(strings.Repeat("<", assistant.MaxInstructionsBytes), assistant.MaxInstructionsBytes)
	}
	h.env.OnActivity(a.CallTool, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.CallToolInput) (assistant.ToolOutput, error) {
			var i int
			fmt.Sscanf(in.Call.ID, "call_%d", &i)
			out := maxSizeOutput(i)
			if i%10 == 0 {
				out = "small:" + in.Call.ID
			}
			return assistant.ToolOutput{ToolCallID: in.Call.ID, Output: out}, nil
		})
	h.onSubmit(completed())
	h.run(req)

	require.Equal(t, assistant.StatusCompleted, h.result().Status)
	submits := inputs[activities.SubmitToolOutputsInput](h, "SubmitToolOutputs")
	require.Len(t, submits, 1)
	require.Equal(t, carry, submits[0].Run != nil)
	p, err := converter.GetDefaultDataConverter().ToPayload(submits[0])
	require.NoError(t, err)
	t.Logf("submit input: %d bytes encoded", len(p.GetData()))
	require.LessOrEqual(t, len(p.GetData()), maxSubmitBytes, "the submit's encoded input fits the budget")
	require.Greater(t, len(p.GetData()), maxSubmitBytes*9/10, "the budget is used, not wasted")
	outs := submits[0].Outputs
	require.Len(t, outs, n)
	for i, o := range outs {
		require.Equal(t, calls[i].ID, o.ToolCallID, "order kept")
		if i%10 == 0 {
			require.Equal(t, "small:"+calls[i].ID, o.Output, "small outputs pass whole")
			continue
		}
		require.Regexp(t, `…\[truncated \d+ bytes\]$`, o.Output, "the model is told")
		require.True(t, strings.HasPrefix(maxSizeOutput(i), strings.Split(o.Output, "…[truncated")[0]))
	}
}

// The cap leaves outputs under it whole and shares the rest evenly.
func TestOutputCap(t *testing.T) {
	require.Equal(t, math.MaxInt, outputCap([]int{10, 20}, 30))
	require.Equal(t, 25, outputCap([]int{10, 100, 100}, 60))
	require.Equal(t, 20, outputCap([]int{100, 100, 100}, 60))
	require.Equal(t, 0, outputCap([]int{100}, -5))
}

// A round too large to fit even cut (thousands of outputs) fails with an
// error naming the sizes, instead of a payload the server refuses.
func TestFitRoundTooManyOutputsFails(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	fit := func(ctx workflow.Context, n int) error {
		in := activities.SubmitToolOutputsInput{ThreadID: testThreadID, APIRunID: testRunID, Outputs: make([]assistant.ToolOutput, n)}
		for i := range in.Outputs {
			in.Outputs[i] = assistant.ToolOutput{ToolCallID: fmt.Sprintf("call_%05d", i), Output: strings.Repeat("x", 200)}
		}
		return fitRound(ctx, &in)
	}
	env.RegisterWorkflow(fit)
	env.ExecuteWorkflow(fit, 20000)
	var app *temporal.ApplicationError
	require.True(t, errors.As(env.GetWorkflowError(), &app))
	require.Equal(t, assistant.ErrorTypeInvalidInput, app.Type())
	require.True(t, app.NonRetryable())
	require.Contains(t, app.Message(), "the 20000 tool outputs of this round take")
	require.Contains(t, app.Message(), "the limit is 524288")
}
