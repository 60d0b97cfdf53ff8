package activities

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/openai/openai-go/v3"
	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// classify turns any error from the model API into a typed Temporal
// application error, once, at the activity boundary. Temporal owns retries,
// so the decision retryable or not is made here from the HTTP status.
// The message is built from status, type, code and message only: err.Error()
// of a wire error may echo request data.
func classify(op string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var apiErr *openai.Error
	if errors.As(err, &apiErr) {
		return classifyAPI(op, apiErr)
	}
	var credErr credentialError
	if errors.As(err, &credErr) {
		return classifyCredential(op, credErr)
	}
	var appErr *temporal.ApplicationError
	var canceled *temporal.CanceledError
	if errors.As(err, &appErr) || errors.As(err, &canceled) {
		return err
	}
	// No HTTP answer (refused, reset, dropped mid-body): retry. The cause is
	// not echoed since a url.Error carries the request URL.
	return temporal.NewApplicationError(op+": model API unreachable or answer cut off", assistant.ErrorTypeConnection)
}

// credentialError is a request that never left because the worker got no
// credential for it (config.TokenError: Microsoft Entra ID gave no token).
// It is told apart from an unreachable API so the run says what to fix.
type credentialError interface {
	error
	// CredentialFailure is a message safe for history, and whether asking
	// again cannot help (the identity was refused).
	CredentialFailure() (msg string, final bool)
}

// classifyCredential fails the run at once when the identity was refused,
// as a 401 from the API would, and retries when the identity endpoint could
// not be reached.
func classifyCredential(op string, e credentialError) error {
	msg, final := e.CredentialFailure()
	msg = op + ": " + truncate(msg, 500)
	if final {
		return temporal.NewNonRetryableApplicationError(msg, assistant.ErrorTypeUnauthorized, nil)
	}
	return temporal.NewApplicationError(msg, assistant.ErrorTypeConnection)
}

func classifyAPI(op string, e *openai.Error) error {
	msg := describeAPIError(op, e)
	switch code := e.StatusCode; {
	case code == http.StatusTooManyRequests:
		return temporal.NewApplicationErrorWithOptions(msg, assistant.ErrorTypeRateLimited,
			temporal.ApplicationErrorOptions{NextRetryDelay: retryAfter(e.Response)})
	case code == http.StatusRequestTimeout || code == http.StatusConflict || code >= 500:
		return temporal.NewApplicationErrorWithOptions(msg, assistant.ErrorTypeRetryable,
			temporal.ApplicationErrorOptions{NextRetryDelay: retryAfter(e.Response)})
	case code == http.StatusUnauthorized || code == http.StatusForbidden:
		return temporal.NewNonRetryableApplicationError(msg, assistant.ErrorTypeUnauthorized, nil)
	case code == http.StatusNotFound:
		return temporal.NewNonRetryableApplicationError(msg, assistant.ErrorTypeNotFound, nil)
	default:
		return temporal.NewNonRetryableApplicationError(msg, assistant.ErrorTypeBadRequest, nil)
	}
}

// describeAPIError renders "op: 404 invalid_request_error: No thread found ...".
func describeAPIError(op string, e *openai.Error) string {
	parts := []string{strconv.Itoa(e.StatusCode)}
	if e.Type != "" {
		parts = append(parts, e.Type)
	}
	if e.Code != "" {
		parts = append(parts, e.Code)
	}
	msg := fmt.Sprintf("%s: %s", op, strings.Join(parts, " "))
	if e.Message != "" {
		msg += ": " + truncate(e.Message, 300)
	}
	return msg
}

// retryAfter reads retry-after-ms, then retry-after (seconds), as the API sends them.
// Zero means "use the retry policy's backoff".
func retryAfter(resp *http.Response) time.Duration {
	if resp == nil {
		return 0
	}
	if ms, err := strconv.ParseFloat(resp.Header.Get("retry-after-ms"), 64); err == nil && ms > 0 {
		return time.Duration(ms * float64(time.Millisecond))
	}
	if s, err := strconv.ParseFloat(resp.Header.Get("retry-after"), 64); err == nil && s > 0 {
		return time.Duration(s * float64(time.Second))
	}
	if t, err := http.ParseTime(resp.Header.Get("retry-after")); err == nil {
		if d := time.Until(t); d > 0 {
			return d
		}
	}
	return 0
}

// StatusOf returns the HTTP status of an API error, 0 for anything else.
func StatusOf(err error) int {
	var apiErr *openai.Error
	if errors.As(err, &apiErr) {
		return apiErr.StatusCode
	}
	return 0
}

// truncate cuts s to at most n bytes on a character boundary: failure
// messages travel in protobuf strings, which must be valid UTF-8.
func truncate(s string, n int) string {
	return assistant.Cut(strings.ToValidUTF8(s, "\uFFFD"), n)
}
