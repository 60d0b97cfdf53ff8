package tools

import (
	"reflect"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// deriveSchema is assistant.DeriveSchema, which lives there so that the
// client package derives structured-output schemas the same way.
func deriveSchema(t reflect.Type) (map[string]any, bool, error) {
	return assistant.DeriveSchema(t)
}
