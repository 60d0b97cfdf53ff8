package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// SchemaFormat is the structured-output response format of T: a json_schema
// named name, derived from T as tool arguments are (json tags, desc, enum;
// strict when every part of T can be expressed in strict mode). T is a
// struct or a map with string keys.
func SchemaFormat[T any](name string) (*assistant.ResponseFormat, error) {
	schema, strict, err := assistant.DeriveSchema(reflect.TypeFor[T]())
	if err != nil {
		return nil, fmt.Errorf("response format of %s: %w", reflect.TypeFor[T](), err)
	}
	return assistant.JSONSchemaFormat(name, schema, strict), nil
}

// RunAs runs req asking for an answer in the JSON form of T (SchemaFormat,
// named after T, unless req.Overrides already sets a response format), waits
// for it and decodes the reply into a T. The Result comes back in every
// case, with the error of a run that did not complete or a reply that does
// not decode.
func RunAs[T any](ctx context.Context, c *Client, req assistant.RunRequest, opts ...RunOption) (T, assistant.Result, error) {
	var zero T
	if req.Overrides == nil || req.Overrides.ResponseFormat == nil {
		f, err := SchemaFormat[T](schemaName(reflect.TypeFor[T]()))
		if err != nil {
			return zero, assistant.Result{}, err
		}
		o := assistant.RunOverrides{}
		if req.Overrides != nil {
			o = *req.Overrides // the caller's copy stays as it was
		}
		o.ResponseFormat, req.Overrides = f, &o
	}
	res, err := c.Run(ctx, req, opts...)
	if err != nil {
		return zero, res, err
	}
	v, err := DecodeReply[T](res)
	return v, res, err
}

// DecodeReply decodes the reply of a completed run into a T. Fields the
// reply has and T does not are an error: the model did not follow the schema.
func DecodeReply[T any](res assistant.Result) (T, error) {
	var v T
	if res.Status != assistant.StatusCompleted {
		return v, fmt.Errorf("run %s ended %s, with no reply to decode", res.APIRunID, res.Status)
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(res.Reply)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		return v, fmt.Errorf("decode the reply of run %s into %T: %w", res.APIRunID, v, err)
	}
	if dec.More() {
		return v, fmt.Errorf("decode the reply of run %s into %T: text after the JSON value", res.APIRunID, v)
	}
	return v, nil
}

// schemaName names a schema after its Go type, in the characters the API
// accepts (a-z, A-Z, 0-9, _ and -, at most 64).
func schemaName(t reflect.Type) string {
	name := t.Name()
	if name == "" {
		name = "reply"
	}
	name = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' {
			return r
		}
		return '_'
	}, name)
	if len(name) > 64 {
		name = name[:64]
	}
	return name
}
