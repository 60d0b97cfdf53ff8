// Package tools holds the function tools a model can call: a registry, a typed wrapper that
// derives each tool's JSON schema from a Go struct, and a dispatcher that turns every
// model-side mistake into an error output the model can read and correct.
//
// The package knows nothing of Temporal: the only thing a handler learns about the durable
// machinery around it is the CallInfo in its context.
package tools

import (
	"context"
	"encoding/json"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// Tool is one function tool the model can call.
type Tool struct {
	Name        string
	Description string
	Parameters  map[string]any // JSON schema of the arguments object
	Strict      bool           // strict function calling (schema satisfies the strict-mode rules)
	// Handler runs the tool; its result is JSON-encoded unless it is a string.
	Handler func(ctx context.Context, args json.RawMessage) (any, error)
	Options Options

	// err records why Func could not derive a schema; Register reports it, because Func
	// itself has no error to return.
	err error
}

// definition returns the tool's definition with a private copy of its schema, so callers
// that edit it cannot race with Call.
func (t Tool) definition() assistant.ToolDefinition {
	return assistant.ToolDefinition{
		Name:        t.Name,
		Description: t.Description,
		Parameters:  cloneSchema(t.Parameters),
		Strict:      t.Strict,
	}
}
