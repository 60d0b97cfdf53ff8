package tools

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

type address struct {
	City string `json:"city" desc:"city name"`
	Zip  string `json:"zip,omitempty"`
}

type embedded struct {
	Shared string `json:"shared"`
}

type schemaArgs struct {
	embedded
	Name    string    `json:"name"`
	Count   int       `json:"count,omitempty"`
	Ratio   float64   `json:"ratio"`
	OK      bool      `json:"ok"`
	Unit    string    `json:"unit" enum:"C, F"`
	Tags    []string  `json:"tags" enum:"a,b"`
	Home    address   `json:"home"`
	Work    *address  `json:"work"`
	When    time.Time `json:"when"`
	Skipped string    `json:"-"`
	//lint:ignore U1000 present to check that the schema skips unexported fields
	internal string
}

type loopArgs struct {
	Next *loopArgs `json:"next"`
}

func TestDeriveSchema(t *testing.T) {
	tests := []struct {
		name   string
		typ    reflect.Type
		strict bool
		want   string
	}{
		{"strict struct", reflect.TypeFor[schemaArgs](), true, `{
			"type": "object", "additionalProperties": false,
			"required": ["shared","name","count","ratio","ok","unit","tags","home","work","when"],
			"properties": {
				"shared": {"type": "string"},
				"name":   {"type": "string"},
				"count":  {"type": ["integer","null"]},
				"ratio":  {"type": "number"},
				"ok":     {"type": "boolean"},
				"unit":   {"type": "string", "enum": ["C","F"]},
				"tags":   {"type": "array", "items": {"type": "string", "enum": ["a","b"]}},
				"home":   {"type": "object", "additionalProperties": false, "required": ["city","zip"],
				           "properties": {"city": {"type": "string", "description": "city name"}, "zip": {"type": ["string","null"]}}},
				"work":   {"type": ["object","null"], "additionalProperties": false, "required": ["city","zip"],
				           "properties": {"city": {"type": "string", "description": "city name"}, "zip": {"type": ["string","null"]}}},
				"when":   {"type": "string", "format": "date-time"}
			}}`},
		{"map field is not strict", reflect.TypeFor[struct {
			Labels map[string]int `json:"labels,omitempty"`
			Unit   *string        `json:"unit" enum:"x,y"`
		}](), false, `{
			"type": "object", "additionalProperties": false, "required": [],
			"properties": {
				"labels": {"type": "object", "additionalProperties": {"type": "integer"}},
				"unit":   {"type": ["string","null"], "enum": ["x","y",null]}
			}}`},
		{"map arguments", reflect.TypeFor[map[string]any](), false, `{"type": "object", "additionalProperties": {}}`},
		{"pointer arguments", reflect.TypeFor[*address](), true, `{
			"type": "object", "additionalProperties": false, "required": ["city","zip"],
			"properties": {"city": {"type": "string", "description": "city name"}, "zip": {"type": ["string","null"]}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			schema, strict, err := deriveSchema(tt.typ)
			require.NoError(t, err)
			require.Equal(t, tt.strict, strict)
			got, err := json.Marshal(schema)
			require.NoError(t, err)
			require.JSONEq(t, tt.want, string(got))
		})
	}
}

func TestDeriveSchemaErrors(t *testing.T) {
	tests := []struct {
		name string
		typ  reflect.Type
		want string
	}{
		{"not an object", reflect.TypeFor[string](), "must be a struct or a map"},
		{"recursive", reflect.TypeFor[loopArgs](), "recursive type"},
		{"channel", reflect.TypeFor[struct {
			C chan int `json:"c"`
		}](), "field c: unsupported type chan int"},
		{"int map key", reflect.TypeFor[map[int]string](), "unsupported map key"},
		{"enum on int", reflect.TypeFor[struct {
			N int `json:"n" enum:"1,2"`
		}](), "field n: enum tag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := deriveSchema(tt.typ)
			require.ErrorContains(t, err, tt.want)
		})
	}
}
