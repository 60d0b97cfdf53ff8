package serve

import (
	"bytes"
	"errors"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"
	tlog "go.temporal.io/sdk/log"
	"go.temporal.io/sdk/temporal"
)

// The SDK logs every failed activity attempt with its error, and an
// activity finished after its timeout with its result: through the worker's
// logger both keep only the error's type. Other lines pass untouched.
func TestSDKActivityLinesWithholdPayloads(t *testing.T) {
	var buf bytes.Buffer
	logger := tlog.NewStructuredLogger(redactPayloads(slog.New(slog.NewTextHandler(&buf, nil))).With("Worker", "w1"))
	apiErr := temporal.NewNonRetryableApplicationError("StartRun: 400 invalid_request_error: 'my card 4111' is too long",
		"ModelAPIBadRequest", nil)

	logger.Error("Activity error.", "WorkflowID", "run-1", "Error", apiErr)
	logger.Info("Activity complete after timeout.", "Result", "the reply: my card 4111", "Error", errors.New("late: 4111"))
	logger.Warn("Something else", "Error", errors.New("kept 4112"))

	out := buf.String()
	require.NotContains(t, out, "4111")
	require.Contains(t, out, "ModelAPIBadRequest, retryable false")
	require.Contains(t, out, "WorkflowID=run-1")
	require.Contains(t, out, "Worker=w1")
	require.Contains(t, out, "kept 4112", "other lines are untouched")
}
