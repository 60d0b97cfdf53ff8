package serve

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"go.temporal.io/sdk/temporal"
)

// sdkPayloadLines are the SDK's log lines that carry an activity's error or
// result: an API error's message or a tool's output can quote the user.
var sdkPayloadLines = map[string]bool{"Activity error.": true, "Activity complete after timeout.": true}

// redactingHandler keeps those lines to the error's type: the message and
// the result are in the workflow's history (encrypted with the payload
// codec), readable through the UI and the codec server.
type redactingHandler struct{ slog.Handler }

func redactPayloads(l *slog.Logger) *slog.Logger { return slog.New(redactingHandler{l.Handler()}) }

func (h redactingHandler) Handle(ctx context.Context, r slog.Record) error {
	if !sdkPayloadLines[r.Message] {
		return h.Handler.Handle(ctx, r)
	}
	out := slog.NewRecord(r.Time, r.Level, r.Message, r.PC)
	r.Attrs(func(a slog.Attr) bool {
		switch a.Key {
		case "Error":
			a = slog.String("Error", errorKind(a.Value.Any()))
		case "Result":
			a = slog.String("Result", "(withheld: see the workflow history)")
		}
		out.AddAttrs(a)
		return true
	})
	return h.Handler.Handle(ctx, out)
}

func (h redactingHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return redactingHandler{h.Handler.WithAttrs(as)}
}

func (h redactingHandler) WithGroup(name string) slog.Handler {
	return redactingHandler{h.Handler.WithGroup(name)}
}

// errorKind names an error without its message: the application error type
// (ModelAPIBadRequest, ...) or the Go type.
func errorKind(v any) string {
	err, ok := v.(error)
	if !ok {
		return fmt.Sprintf("%T (withheld)", v)
	}
	var app *temporal.ApplicationError
	if errors.As(err, &app) {
		return fmt.Sprintf("%s, retryable %t (message withheld: see the workflow history)", app.Type(), !app.NonRetryable())
	}
	return fmt.Sprintf("%T (message withheld: see the workflow history)", err)
}
