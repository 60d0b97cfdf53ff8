package tools

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
)

// Call runs the named tool with the model's arguments (a JSON object as text).
//
// Every problem on the model's side becomes an error output (JSON {"error": "..."} with
// isError true) that tells the model what to fix: an unknown tool, arguments that are not JSON
// or do not match the schema, a handler error, a handler panic. err is non-nil only for
// infrastructure faults worth retrying: ctx done, or a handler error marked with Retryable.
//
// A handler that ignores ctx cannot hold Call past ctx's end: Call returns and leaves the
// handler running in the background.
func (r *Registry) Call(ctx context.Context, name, arguments string) (output string, isError bool, err error) {
	if err := ctx.Err(); err != nil {
		return "", false, fmt.Errorf("tool %q: %w", name, err)
	}
	t, ok := r.Lookup(name)
	if !ok {
		return errorOutput(r.unknownTool(name)), true, nil
	}
	args, err := parseArguments(t.Parameters, arguments)
	if err != nil {
		return errorOutput(fmt.Sprintf("invalid arguments for tool %q: %v", name, err)), true, nil
	}
	out, err := invoke(ctx, t, args)
	switch {
	case err == nil:
		return finishOutput(out), false, nil
	case ctx.Err() != nil:
		return "", false, fmt.Errorf("tool %q: %w", name, ctx.Err())
	case IsRetryable(err):
		return "", false, fmt.Errorf("tool %q: %w", name, err)
	}
	return errorOutput(err.Error()), true, nil
}

// unknownTool is the message for a name the model made up; listing the real names lets it
// correct itself on the next turn.
func (r *Registry) unknownTool(name string) string {
	names := r.Names()
	if len(names) == 0 {
		return fmt.Sprintf("unknown tool %q: no tools are available", name)
	}
	return fmt.Sprintf("unknown tool %q; available tools: %s", name, strings.Join(names, ", "))
}

// invoke runs the handler in its own goroutine, so that neither a panic nor a handler that
// ignores ctx can take down or stall the worker, and encodes its result.
func invoke(ctx context.Context, t Tool, args json.RawMessage) (string, error) {
	type result struct {
		out string
		err error
	}
	done := make(chan result, 1) // buffered: an abandoned handler must still be able to finish
	go func() {
		defer func() {
			if p := recover(); p != nil {
				// The value may quote the call's arguments: the model gets it
				// (in its output), the log only its type and the stack.
				slog.ErrorContext(ctx, "tool handler panicked", "tool", t.Name, "PanicType", fmt.Sprintf("%T", p),
					"stack", string(debug.Stack()))
				done <- result{err: fmt.Errorf("tool %q panicked: %v", t.Name, p)}
			}
		}()
		v, err := t.Handler(ctx, args)
		if err != nil {
			done <- result{err: err}
			return
		}
		out, err := encodeResult(v)
		done <- result{out, err}
	}()
	select {
	case res := <-done:
		return res.out, res.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}
