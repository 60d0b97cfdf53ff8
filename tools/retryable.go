package tools

import "errors"

// retryableError marks a handler error as an infrastructure fault.
type retryableError struct{ err error }

func (e retryableError) Error() string { return e.err.Error() }
func (e retryableError) Unwrap() error { return e.err }

// Retryable marks a handler error as an infrastructure fault (a dependency that is down, a
// timeout talking to it): Call returns it as an error so the call is retried, instead of
// showing it to the model. Retryable(nil) is nil.
func Retryable(err error) error {
	if err == nil {
		return nil
	}
	return retryableError{err}
}

// IsRetryable reports whether err, or an error it wraps, was marked with Retryable.
func IsRetryable(err error) bool {
	var r retryableError
	return errors.As(err, &r)
}
