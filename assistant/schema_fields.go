package assistant

import (
	"reflect"
	"strings"
)

// structField is one JSON-visible field of a struct.
type structField struct {
	name     string
	typ      reflect.Type
	optional bool // pointer, omitempty or omitzero: the model may leave it out
	tag      reflect.StructTag
}

// structFields lists the fields encoding/json would use for t, flattening untagged embedded
// structs. Name conflicts between embedded structs are not resolved; avoid them in arguments.
func structFields(t reflect.Type) []structField {
	var fields []structField
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" && indirect(f.Type).Kind() == reflect.Struct {
			fields = append(fields, structFields(indirect(f.Type))...)
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fields = append(fields, structField{
			name:     name,
			typ:      f.Type,
			optional: f.Type.Kind() == reflect.Pointer || hasOption(opts, "omitempty") || hasOption(opts, "omitzero"),
			tag:      f.Tag,
		})
	}
	return fields
}

func indirect(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

func hasOption(opts, want string) bool {
	for o := range strings.SplitSeq(opts, ",") {
		if o == want {
			return true
		}
	}
	return false
}
