package assistant

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"
)

var (
	timeType       = reflect.TypeFor[time.Time]()
	rawMessageType = reflect.TypeFor[json.RawMessage]()
)

// DeriveSchema returns the JSON schema of the arguments type t, in the strict-mode shape when
// every part of t can be expressed in strict mode (maps and interfaces cannot).
//
// Fields are named by their json tag (skipping "-" and unexported fields; embedded structs are
// flattened as encoding/json does). A field is required unless it is a pointer or has
// omitempty/omitzero. Tags: `desc:"..."` becomes the description, `enum:"a,b"` the allowed
// values of a string (or of the items of a string slice).
func DeriveSchema(t reflect.Type) (schema map[string]any, strict bool, err error) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct && t.Kind() != reflect.Map {
		return nil, false, fmt.Errorf("arguments type %s must be a struct or a map", t)
	}
	loose := newDeriver(false)
	schema, err = loose.schema(t)
	if err != nil || !loose.compatible {
		return schema, false, err
	}
	schema, err = newDeriver(true).schema(t)
	return schema, err == nil, err
}

// deriver builds a schema in one of two shapes. compatible records whether anything was met
// that strict mode cannot express, so the loose pass tells whether a strict pass may follow.
type deriver struct {
	strict     bool
	compatible bool
	visiting   map[reflect.Type]bool // structs on the current path, to refuse recursive types
}

func newDeriver(strict bool) *deriver {
	return &deriver{strict: strict, compatible: true, visiting: map[reflect.Type]bool{}}
}

// schema returns the schema of a value of type t.
func (d *deriver) schema(t reflect.Type) (map[string]any, error) {
	switch t {
	case timeType:
		return map[string]any{"type": "string", "format": "date-time"}, nil
	case rawMessageType:
		d.compatible = false
		return map[string]any{}, nil
	}
	switch t.Kind() {
	case reflect.Pointer:
		s, err := d.schema(t.Elem())
		return nullable(s), err
	case reflect.String:
		return map[string]any{"type": "string"}, nil
	case reflect.Bool:
		return map[string]any{"type": "boolean"}, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}, nil
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}, nil
	case reflect.Slice, reflect.Array:
		return d.array(t)
	case reflect.Map:
		return d.mapObject(t)
	case reflect.Struct:
		return d.object(t)
	case reflect.Interface:
		d.compatible = false
		return map[string]any{}, nil
	}
	return nil, fmt.Errorf("unsupported type %s", t)
}

// array describes slices and arrays; []byte is a base64 string, as encoding/json writes it.
func (d *deriver) array(t reflect.Type) (map[string]any, error) {
	if t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 {
		return map[string]any{"type": "string", "contentEncoding": "base64"}, nil
	}
	items, err := d.schema(t.Elem())
	if err != nil {
		return nil, err
	}
	return map[string]any{"type": "array", "items": items}, nil
}

// mapObject describes map[string]T, which strict mode cannot express (it needs every key listed).
func (d *deriver) mapObject(t reflect.Type) (map[string]any, error) {
	if t.Key().Kind() != reflect.String {
		return nil, fmt.Errorf("unsupported map key type %s (want string)", t.Key())
	}
	d.compatible = false
	values, err := d.schema(t.Elem())
	if err != nil {
		return nil, err
	}
	return map[string]any{"type": "object", "additionalProperties": values}, nil
}

// object describes a struct. Unknown fields are always refused (additionalProperties false)
// so a misspelt argument is reported instead of silently ignored.
func (d *deriver) object(t reflect.Type) (map[string]any, error) {
	if d.visiting[t] {
		return nil, fmt.Errorf("recursive type %s is not supported", t)
	}
	d.visiting[t] = true
	defer delete(d.visiting, t)

	props := map[string]any{}
	required := []string{}
	for _, f := range structFields(t) {
		s, err := d.field(f)
		if err != nil {
			return nil, fmt.Errorf("field %s: %w", f.name, err)
		}
		if f.optional && d.strict {
			s = nullable(s) // strict mode lists every field; "absent" is spelt null
		}
		if !f.optional || d.strict {
			required = append(required, f.name)
		}
		props[f.name] = s
	}
	return map[string]any{
		"type":                 "object",
		"properties":           props,
		"required":             required,
		"additionalProperties": false,
	}, nil
}

// field returns the schema of one struct field, with its desc and enum tags applied.
func (d *deriver) field(f structField) (map[string]any, error) {
	s, err := d.schema(f.typ)
	if err != nil {
		return nil, err
	}
	if enum := f.tag.Get("enum"); enum != "" {
		if err := applyEnum(s, enum); err != nil {
			return nil, err
		}
	}
	if desc := f.tag.Get("desc"); desc != "" {
		s["description"] = desc
	}
	return s, nil
}

// applyEnum sets the comma-separated values as the enum of a string schema, or of the items
// of an array of strings.
func applyEnum(s map[string]any, list string) error {
	target := s
	if hasType(s, "array") {
		target, _ = s["items"].(map[string]any)
	}
	if target == nil || !hasType(target, "string") {
		return fmt.Errorf("enum tag needs a string or []string field")
	}
	var values []any
	for v := range strings.SplitSeq(list, ",") {
		values = append(values, strings.TrimSpace(v))
	}
	if hasType(target, "null") {
		values = append(values, nil)
	}
	target["enum"] = values
	return nil
}

// nullable lets s also accept null: its type gains "null" and its enum (if any) gains nil, as
// strict mode requires.
func nullable(s map[string]any) map[string]any {
	t, ok := s["type"].(string)
	if !ok {
		return s // no type (any value) or already a list of types
	}
	s["type"] = []any{t, "null"}
	if enum, ok := s["enum"].([]any); ok {
		s["enum"] = append(enum, nil)
	}
	return s
}

// hasType reports whether the schema's "type" (a string or a list) is or
// holds t.
func hasType(s map[string]any, t string) bool {
	switch v := s["type"].(type) {
	case string:
		return v == t
	case []string:
		return slices.Contains(v, t)
	case []any:
		return slices.Contains(v, any(t))
	}
	return false
}
