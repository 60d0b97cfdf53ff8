package workflows

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

func retryableAPIError() error {
	return temporal.NewApplicationError("create run: 503 server_error", assistant.ErrorTypeRetryable)
}

func retryableToolFault() error {
	return temporal.NewApplicationError("tool weather: disk full", assistant.ErrorTypeToolFault)
}

func nonRetryableAPIError(typ string) error {
	return temporal.NewNonRetryableApplicationError("call: 404 invalid_request_error: No such thing", typ, nil)
}

// A bad request fails the workflow at once, non-retryably, naming the field,
// before any activity runs.
func TestRunInvalidRequestFailsWithoutActivities(t *testing.T) {
	tooMany := map[string]string{}
	for i := range assistant.MaxMetadataPairs + 1 {
		tooMany[fmt.Sprintf("k%02d", i)] = "v"
	}
	for _, tc := range []struct {
		name   string
		mutate func(*assistant.RunRequest)
		want   string
	}{
		{"empty message", func(r *assistant.RunRequest) { r.Message = "" }, "message is empty"},
		{"blank message", func(r *assistant.RunRequest) { r.Message = " \n\t" }, "message is empty"},
		{"empty assistant", func(r *assistant.RunRequest) { r.AssistantID = "" }, "assistant_id"},
		{"message too long", func(r *assistant.RunRequest) { r.Message = strings.Repeat("x", assistant.MaxMessageBytes+1) }, "limit"},
		{"too many metadata keys", func(r *assistant.RunRequest) { r.Metadata = tooMany }, "metadata has 16 keys"},
		{"reserved metadata key", func(r *assistant.RunRequest) {
			r.Metadata = map[string]string{assistant.ReservedMetadataKey: "mine"}
		}, "reserved"},
		{"empty metadata key", func(r *assistant.RunRequest) { r.Metadata = map[string]string{"": "v"} }, "metadata key"},
		{"metadata value too long", func(r *assistant.RunRequest) {
			r.Metadata = map[string]string{"k": strings.Repeat("v", assistant.MaxMetadataValueLen+1)}
		}, "metadata value"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			req := baseRequest()
			req.ThreadID = "" // would otherwise create a thread first
			tc.mutate(&req)
			h.run(req)

			app := h.appError()
			require.Equal(t, assistant.ErrorTypeInvalidInput, app.Type())
			require.True(t, app.NonRetryable())
			require.Contains(t, app.Message(), tc.want)
			require.Empty(t, h.types(), "no activity may run for an invalid request")
		})
	}
}

// Invalid UTF-8 never reaches Validate: the JSON data converter replaces the
// bad bytes with U+FFFD when the workflow is started, so the run goes on with
// the altered message. Only a check before ExecuteWorkflow can reject it.
func TestRunInvalidUTF8IsReplacedByTheConverter(t *testing.T) {
	h := newHarness(t)
	h.onStart(completed())
	req := baseRequest()
	req.Message = "caf\xe9"
	h.run(req)
	h.result()
	require.Equal(t, "caf\uFFFD", inputs[activities.StartRunInput](h, "StartRun")[0].Message)
}

// The largest valid metadata (15 pairs) is accepted and passed through.
func TestRunAcceptsMaxMetadata(t *testing.T) {
	h := newHarness(t)
	md := map[string]string{}
	for i := range assistant.MaxMetadataPairs {
		md[fmt.Sprintf("k%02d", i)] = strings.Repeat("v", assistant.MaxMetadataValueLen)
	}
	h.onStart(completed())
	req := baseRequest()
	req.Metadata = md
	h.run(req)
	h.result()
	require.Equal(t, md, inputs[activities.StartRunInput](h, "StartRun")[0].Metadata)
}

// StartRun failing with a non-retryable error fails the workflow with that
// error after a single attempt. The error types the workflow's retry policy
// lists as non-retryable are not retried even when the activity forgot to
// mark them so.
func TestRunStartRunNonRetryableError(t *testing.T) {
	for _, typ := range []string{assistant.ErrorTypeNotFound, assistant.ErrorTypeBadRequest, assistant.ErrorTypeUnauthorized,
		assistant.ErrorTypeInvalidInput, assistant.ErrorTypeUnknownRunState} {
		for _, marked := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/marked=%v", typ, marked), func(t *testing.T) {
				h := newHarness(t)
				h.env.OnActivity(a.StartRun, mock.Anything, mock.Anything).Return(
					func(context.Context, activities.StartRunInput) (assistant.RunState, error) {
						if marked {
							return assistant.RunState{}, nonRetryableAPIError(typ)
						}
						return assistant.RunState{}, temporal.NewApplicationError("create run: failed", typ)
					})
				h.run(baseRequest())

				app := h.appError()
				require.Equal(t, typ, app.Type())
				require.Equal(t, 1, h.calls("StartRun"), "a %s must not be retried", typ)
				require.Equal(t, []string{"StartRun"}, h.types())
			})
		}
	}
}

// CreateThread failing for good fails the workflow; no run is started.
func TestRunCreateThreadFailure(t *testing.T) {
	h := newHarness(t)
	h.env.OnActivity(a.CreateThread, mock.Anything, mock.Anything).Return(
		func(context.Context, activities.CreateThreadInput) (activities.CreateThreadResult, error) {
			return activities.CreateThreadResult{}, nonRetryableAPIError(assistant.ErrorTypeUnauthorized)
		})
	req := baseRequest()
	req.ThreadID = ""
	h.run(req)

	require.Equal(t, assistant.ErrorTypeUnauthorized, h.appError().Type())
	require.Equal(t, []string{"CreateThread"}, h.types())
}

// SubmitToolOutputs failing for good fails the workflow with its error, and
// the run, left waiting for outputs, is cancelled at the API first.
func TestRunSubmitFailure(t *testing.T) {
	h := newHarness(t)
	h.onStart(requiresAction(toolCall("call_1", "weather")))
	h.onTools()
	h.env.OnActivity(a.SubmitToolOutputs, mock.Anything, mock.Anything).Return(
		func(context.Context, activities.SubmitToolOutputsInput) (assistant.RunState, error) {
			return assistant.RunState{}, nonRetryableAPIError(assistant.ErrorTypeBadRequest)
		})
	h.onCancel()
	h.run(baseRequest())

	require.Equal(t, assistant.ErrorTypeBadRequest, h.appError().Type())
	require.Equal(t, 1, h.calls("SubmitToolOutputs"))
	requireCancelledByID(t, h)
}

// requireCancelledByID checks that the failed workflow cancelled its run at
// the API once, by its IDs.
func requireCancelledByID(t *testing.T, h *harness) {
	t.Helper()
	require.Equal(t, []activities.CancelRunInput{{ThreadID: testThreadID, APIRunID: testRunID}},
		inputs[activities.CancelRunInput](h, "CancelRun"))
}

// A start that fails for good after it may have created the run (retries
// spent on a retryable error) cancels the run it may have made, found by its
// idempotency key; one the API refused made no run and cancels nothing.
func TestRunStartFailureCancelsByKey(t *testing.T) {
	h := newHarness(t)
	h.env.OnActivity(a.StartRun, mock.Anything, mock.Anything).Return(
		func(context.Context, activities.StartRunInput) (assistant.RunState, error) {
			return assistant.RunState{}, temporal.NewNonRetryableApplicationError("stream cut", assistant.ErrorTypeRetryable, nil)
		})
	h.onCancel()
	h.run(baseRequest())

	require.Equal(t, assistant.ErrorTypeRetryable, h.appError().Type())
	cancels := inputs[activities.CancelRunInput](h, "CancelRun")
	require.Len(t, cancels, 1)
	require.Equal(t, testThreadID, cancels[0].ThreadID)
	require.Empty(t, cancels[0].APIRunID)
	require.Equal(t, inputs[activities.StartRunInput](h, "StartRun")[0].IdempotencyKey, cancels[0].IdempotencyKey)
}

// A start that fails for good after it named the run (its error carries the
// progress, activities.withProgress) has that run cancelled by ID, not
// looked for by key.
func TestRunStartFailureAfterNamingTheRunCancelsItByID(t *testing.T) {
	h := newHarness(t)
	h.env.OnActivity(a.StartRun, mock.Anything, mock.Anything).Return(
		func(context.Context, activities.StartRunInput) (assistant.RunState, error) {
			return assistant.RunState{}, temporal.NewApplicationErrorWithOptions("unexpected status", assistant.ErrorTypeUnknownRunState,
				temporal.ApplicationErrorOptions{NonRetryable: true, Details: []any{assistant.FollowProgress{APIRunID: "resp_7"}}})
		})
	h.onCancel()
	h.run(baseRequest())

	require.Equal(t, assistant.ErrorTypeUnknownRunState, h.appError().Type())
	require.Equal(t, []activities.CancelRunInput{{ThreadID: testThreadID, APIRunID: "resp_7"}}, inputs[activities.CancelRunInput](h, "CancelRun"))
}
