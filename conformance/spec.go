package conformance

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	"github.com/pb33f/libopenapi-validator/schema_validation"
	"github.com/pb33f/libopenapi/datamodel/high/base"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
)

// SubsetYAML is the committed spec subset.
//
//go:embed testdata/openapi-subset.yaml
var SubsetYAML []byte

// spec is the parsed subset with its validators, built once.
type spec struct {
	model   *v3.Document
	http    validator.Validator
	schemas schema_validation.SchemaValidator
	// events maps a stream event name to the schema of its SSE frame: for the
	// assistants protocol {event, data}, for responses the data object itself.
	assistantEvents map[string]*base.Schema
	responseEvents  map[string]*base.Schema
	errorResponse   *base.Schema
}

var (
	specOnce sync.Once
	specVal  *spec
	specErr  error
)

// loadSpec parses the embedded subset once.
func loadSpec() (*spec, error) {
	specOnce.Do(func() { specVal, specErr = parseSpec(SubsetYAML) })
	return specVal, specErr
}

func parseSpec(raw []byte) (*spec, error) {
	doc, err := libopenapi.NewDocument(raw)
	if err != nil {
		return nil, fmt.Errorf("conformance: parse spec subset: %w", err)
	}
	m, err := doc.BuildV3Model()
	if err != nil {
		return nil, fmt.Errorf("conformance: build spec model: %w", err)
	}
	s := &spec{model: &m.Model, schemas: schema_validation.NewSchemaValidator()}
	s.http = validator.NewValidatorFromV3Model(&m.Model, validatorOptions()...)
	schemas := m.Model.Components.Schemas
	s.errorResponse = schemas.GetOrZero("ErrorResponse").Schema()
	s.assistantEvents = eventSchemas(schemas.GetOrZero("AssistantStreamEvent").Schema(), "event")
	s.responseEvents = eventSchemas(schemas.GetOrZero("ResponseStreamEvent").Schema(), "type")
	if s.errorResponse == nil || len(s.assistantEvents) == 0 || len(s.responseEvents) == 0 {
		return nil, fmt.Errorf("conformance: spec subset lacks ErrorResponse or stream event schemas")
	}
	return s, nil
}

// eventSchemas flattens a oneOf/anyOf union of event objects into a map from
// the event name (the single enum value of property key) to its schema.
func eventSchemas(union *base.Schema, key string) map[string]*base.Schema {
	out := map[string]*base.Schema{}
	var walk func(*base.Schema)
	walk = func(s *base.Schema) {
		if s == nil {
			return
		}
		for _, p := range slices.Concat(s.OneOf, s.AnyOf) {
			walk(p.Schema())
		}
		if s.Properties == nil {
			return
		}
		prop := s.Properties.GetOrZero(key)
		if prop == nil {
			return
		}
		ps := prop.Schema()
		if len(ps.Enum) == 1 {
			out[ps.Enum[0].Value] = s
		} else if ps.Const != nil {
			out[ps.Const.Value] = s
		}
	}
	walk(union)
	return out
}

// Operation is one method + path of the spec subset.
type Operation struct {
	Method, Path, Tag string
	Deprecated        bool
}

// String renders "METHOD /path".
func (o Operation) String() string { return o.Method + " " + o.Path }

// Operations lists the subset's operations in spec order.
func Operations() ([]Operation, error) {
	s, err := loadSpec()
	if err != nil {
		return nil, err
	}
	var ops []Operation
	for path, item := range s.model.Paths.PathItems.FromOldest() {
		for method, op := range item.GetOperations().FromOldest() {
			tag := ""
			if len(op.Tags) > 0 {
				tag = op.Tags[0]
			}
			ops = append(ops, Operation{Method: strings.ToUpper(method), Path: path, Tag: tag,
				Deprecated: op.Deprecated != nil && *op.Deprecated})
		}
	}
	return ops, nil
}
