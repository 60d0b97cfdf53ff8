package tools

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
)

// Func wraps a typed Go function as a Tool. The JSON schema is derived from A, which must be
// a struct (or a map with string keys); see deriveSchema for the tags it reads. Strict mode is
// switched on whenever the schema allows it. A type that cannot be described makes Register
// fail with the reason.
func Func[A, R any](name, description string, fn func(ctx context.Context, args A) (R, error), opts ...Option) Tool {
	var o Options
	for _, opt := range opts {
		opt(&o)
	}
	schema, strict, err := deriveSchema(reflect.TypeFor[A]())
	return Tool{
		Name:        name,
		Description: description,
		Parameters:  schema,
		Strict:      strict,
		Handler:     typedHandler(fn),
		Options:     o,
		err:         err,
	}
}

// typedHandler decodes the arguments into A and calls fn. Call has already validated them
// against the schema; decoding still rejects unknown fields so a hand-edited schema cannot
// let a misspelt field be silently dropped.
func typedHandler[A, R any](fn func(context.Context, A) (R, error)) func(context.Context, json.RawMessage) (any, error) {
	return func(ctx context.Context, raw json.RawMessage) (any, error) {
		var args A
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&args); err != nil {
			return nil, fmt.Errorf("invalid arguments: %w", err)
		}
		return fn(ctx, args)
	}
}
