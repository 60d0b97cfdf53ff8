package tools

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
)

// emptyObject is the schema of a tool that takes no arguments.
func emptyObject() map[string]any {
	return map[string]any{"type": "object", "properties": map[string]any{}, "required": []any{}, "additionalProperties": false}
}

// normalizeSchema returns a private copy of s in plain JSON form (map[string]any, []any,
// string, float64, bool), which is all the validator has to understand.
func normalizeSchema(s map[string]any) (map[string]any, error) {
	if s == nil {
		return emptyObject(), nil
	}
	b, err := json.Marshal(s)
	if err != nil {
		return nil, fmt.Errorf("not JSON-encodable: %w", err)
	}
	var out map[string]any
	err = json.Unmarshal(b, &out)
	return out, err
}

// cloneSchema copies a normalized schema.
func cloneSchema(s map[string]any) map[string]any {
	out, err := normalizeSchema(s)
	if err != nil {
		panic("tools: registered schema no longer encodes: " + err.Error()) // normalized at Register
	}
	return out
}

// checkSchema verifies the parts of a normalized schema that Call relies on, and the
// strict-mode rules when strict is set.
func checkSchema(s map[string]any, strict bool) error {
	if t, _ := s["type"].(string); t != "object" {
		return errors.New(`top level must have "type": "object"`)
	}
	return checkNode(s, strict, "")
}

// checkNode checks one schema node and its children; path names the node in errors.
func checkNode(s map[string]any, strict bool, path string) error {
	if items, ok := s["items"].(map[string]any); ok {
		if err := checkNode(items, strict, path+"[]"); err != nil {
			return err
		}
	}
	if !hasType(s, "object") {
		return nil
	}
	props, _ := s["properties"].(map[string]any)
	required := requiredOf(s)
	for _, name := range required {
		if _, ok := props[name]; !ok {
			return fmt.Errorf("%s: required field %q is not a property", where(path), name)
		}
	}
	if strict {
		if ap, ok := s["additionalProperties"].(bool); !ok || ap {
			return fmt.Errorf("%s: strict mode needs additionalProperties false", where(path))
		}
	}
	for name, p := range props {
		child, ok := p.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: property %q is not a schema object", where(path), name)
		}
		if strict && !slices.Contains(required, name) {
			return fmt.Errorf("%s: strict mode needs property %q in required", where(path), name)
		}
		if err := checkNode(child, strict, joinPath(path, name)); err != nil {
			return err
		}
	}
	return nil
}

// schemaTypes returns the "type" of a schema as a list ("string" or ["string","null"]).
func schemaTypes(s map[string]any) []string {
	switch t := s["type"].(type) {
	case string:
		return []string{t}
	case []string:
		return t
	case []any:
		var out []string
		for _, v := range t {
			if str, ok := v.(string); ok {
				out = append(out, str)
			}
		}
		return out
	}
	return nil
}

func hasType(s map[string]any, t string) bool {
	return slices.Contains(schemaTypes(s), t)
}

// requiredOf returns the "required" list of a schema.
func requiredOf(s map[string]any) []string {
	switch r := s["required"].(type) {
	case []string:
		return r
	case []any:
		var out []string
		for _, v := range r {
			if str, ok := v.(string); ok {
				out = append(out, str)
			}
		}
		return out
	}
	return nil
}

// joinPath names a nested field the way the model wrote it: "address.city", "items[2].name".
func joinPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// where names a schema node in a schema error.
func where(path string) string {
	if path == "" {
		return "top level"
	}
	return fmt.Sprintf("field %q", path)
}
