package workflows

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// heavyMessage meets the raw-byte limit runs were once checked by, but not
// the encoded one: each '<' takes 6 bytes in JSON.
var heavyMessage = strings.Repeat("<", 50<<10)

// TestRunStartedBeforeEncodedLimitsStillReplays replays a recorded run whose
// message only the encoded-size limit refuses: it was accepted when it
// started, so its replay must go on as it ran, not fail at validation.
func TestRunStartedBeforeEncodedLimitsStillReplays(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "run_lean_tools.json"))
	require.NoError(t, err)
	defer f.Close()
	hist, err := client.HistoryFromJSON(f, client.HistoryJSONOptions{})
	require.NoError(t, err)
	attrs := hist.Events[0].GetWorkflowExecutionStartedEventAttributes()
	var req assistant.RunRequest
	dc := converter.GetDefaultDataConverter()
	require.NoError(t, dc.FromPayload(attrs.Input.Payloads[0], &req))
	req.Message = heavyMessage
	require.Error(t, req.Validate(), "the stricter limits refuse it")
	p, err := dc.ToPayload(req)
	require.NoError(t, err)
	attrs.Input.Payloads[0] = p

	r := worker.NewWorkflowReplayer()
	r.RegisterWorkflowWithOptions(RunWith(Defaults{}), workflow.RegisterOptions{Name: assistant.WorkflowRun})
	opts := worker.ReplayWorkflowHistoryOptions{OriginalExecution: workflow.Execution{ID: "golden-lean-tools"}}
	require.NoError(t, r.ReplayWorkflowHistoryWithOptions(nil, hist, opts))
}

// TestRunRefusesMessageOverEncodedLimit: a new run with the same message is
// refused before anything is sent, naming the field and the encoded size.
func TestRunRefusesMessageOverEncodedLimit(t *testing.T) {
	h := newHarness(t)
	req := baseRequest()
	req.Message = heavyMessage
	h.run(req)
	appErr := h.appError()
	require.NotNil(t, appErr)
	require.Equal(t, assistant.ErrorTypeInvalidInput, appErr.Type())
	require.Contains(t, appErr.Error(), "message is")
	require.Contains(t, appErr.Error(), "encoded")
	require.Zero(t, h.calls("StartRun"), "nothing was sent")
}
