package tools

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// parseArguments checks the model's arguments against the tool's schema and returns them as
// raw JSON for the handler. Errors are written for the model: they name the offending field.
//
// The validator understands the subset of JSON schema that Func produces: type, enum,
// properties, required, additionalProperties and items; other keywords are not enforced.
func parseArguments(schema map[string]any, arguments string) (json.RawMessage, error) {
	if strings.TrimSpace(arguments) == "" {
		arguments = "{}" // some models send nothing for a function without parameters
	}
	dec := json.NewDecoder(strings.NewReader(arguments))
	dec.UseNumber() // keep 3 and 3.5 apart for "integer"
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("arguments are not valid JSON: %v", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("arguments are not valid JSON: unexpected data after the object")
	}
	if err := validate(schema, v, ""); err != nil {
		return nil, err
	}
	return json.RawMessage(arguments), nil
}

// validate checks the decoded value v against schema s; path names v in errors.
func validate(s map[string]any, v any, path string) error {
	if types := schemaTypes(s); len(types) > 0 && !slices.ContainsFunc(types, func(t string) bool { return isJSONType(v, t) }) {
		return fmt.Errorf("%s: expected %s, got %s", describe(path), strings.Join(types, " or "), jsonKind(v))
	}
	if enum, ok := s["enum"].([]any); ok && !slices.ContainsFunc(enum, func(e any) bool { return sameScalar(e, v) }) {
		return fmt.Errorf("%s: %s is not one of %s", describe(path), short(v), short(enum))
	}
	switch v := v.(type) {
	case map[string]any:
		return validateObject(s, v, path)
	case []any:
		items, ok := s["items"].(map[string]any)
		for i, e := range v {
			if !ok {
				break
			}
			if err := validate(items, e, fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	}
	return nil
}

// validateObject checks required and unknown fields, then each field's value.
func validateObject(s map[string]any, v map[string]any, path string) error {
	props, _ := s["properties"].(map[string]any)
	for _, name := range requiredOf(s) {
		p, _ := props[name].(map[string]any)
		// A nullable field the model left out means null: strict-mode schemas list optional
		// fields as required-but-nullable, and models that ignore strict mode omit them.
		if _, ok := v[name]; !ok && !hasType(p, "null") {
			return fmt.Errorf("missing required field %q", joinPath(path, name))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(v)) {
		sub := props[name]
		if sub == nil {
			sub = s["additionalProperties"]
		}
		switch sub := sub.(type) {
		case map[string]any:
			if err := validate(sub, v[name], joinPath(path, name)); err != nil {
				return err
			}
		case bool:
			if !sub {
				return fmt.Errorf("unknown field %q (known fields: %s)", joinPath(path, name),
					strings.Join(slices.Sorted(maps.Keys(props)), ", "))
			}
		}
	}
	return nil
}

// isJSONType reports whether v, decoded with UseNumber, is of JSON schema type t.
func isJSONType(v any, t string) bool {
	switch v := v.(type) {
	case nil:
		return t == "null"
	case bool:
		return t == "boolean"
	case string:
		return t == "string"
	case json.Number:
		// Go's decoder refuses 3.0 for an int, so "integer" means a literal without . or e.
		return t == "number" || t == "integer" && !strings.ContainsAny(string(v), ".eE")
	case []any:
		return t == "array"
	case map[string]any:
		return t == "object"
	}
	return false
}

// jsonKind names the JSON type of v for error messages.
func jsonKind(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case json.Number:
		if isJSONType(v, "integer") {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	}
	return "object"
}

// sameScalar compares an enum entry of a normalized schema with a decoded value.
func sameScalar(e, v any) bool {
	switch v := v.(type) {
	case json.Number:
		f, err := v.Float64()
		ef, ok := e.(float64)
		return err == nil && ok && f == ef
	case nil, bool, string:
		return e == v
	}
	return false
}

// short renders a value as compact JSON for error messages.
func short(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// describe names the value at path in an error message.
func describe(path string) string {
	if path == "" {
		return "arguments"
	}
	return fmt.Sprintf("field %q", path)
}
