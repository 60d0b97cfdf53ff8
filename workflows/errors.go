package workflows

import (
	"errors"

	"go.temporal.io/sdk/temporal"
)

// rootMessage is the message of the innermost application error in err: the
// activity's own words, without the SDK's wrapping.
func rootMessage(err error) string {
	var app *temporal.ApplicationError
	if errors.As(err, &app) {
		return app.Message()
	}
	return err.Error()
}
