package assistant

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Limits of the per-run overrides. The numeric ranges are the API's; the
// sizes are counted on encoded JSON (EncodedLen, json.Marshal), as sent.
const (
	MaxAdditionalMessages = 32       // the API's limit on a thread's initial messages
	MaxRunTools           = 128      // the API's limit on a run's tools
	MaxSchemaBytes        = 64 << 10 // a json_schema response format's schema, encoded
	MaxRunRequestBytes    = 768 << 10
	minTokenCap           = 256 // max_prompt_tokens, max_completion_tokens
	maxToolNameLen        = 64
)

// Validate checks the overrides, naming the field at fault as the API does
// ("overrides.temperature").
func (o *RunOverrides) Validate() error {
	if o == nil {
		return nil
	}
	if o.Model != "" {
		if strings.TrimSpace(o.Model) == "" {
			return fmt.Errorf("overrides.model is blank")
		}
		if err := ValidateText("overrides.model", o.Model, MaxIDBytes); err != nil {
			return err
		}
	}
	if o.Instructions != nil {
		if err := ValidateText("overrides.instructions", *o.Instructions, MaxInstructionsBytes); err != nil {
			return err
		}
	}
	for _, check := range []func() error{o.validateMessages, o.validateTools, o.validateSampling,
		o.ResponseFormat.validate, o.TruncationStrategy.validate, o.validateTokenCaps} {
		if err := check(); err != nil {
			return err
		}
	}
	return nil
}

func (o *RunOverrides) validateMessages() error {
	if len(o.AdditionalMessages) > MaxAdditionalMessages {
		return fmt.Errorf("overrides.additional_messages has %d messages; the limit is %d", len(o.AdditionalMessages), MaxAdditionalMessages)
	}
	for i, m := range o.AdditionalMessages {
		field := fmt.Sprintf("overrides.additional_messages[%d]", i)
		if m.Role != RoleUser && m.Role != RoleAssistant {
			return fmt.Errorf("%s.role is %q; it must be user or assistant", field, m.Role)
		}
		if err := ValidateMessage(field+".content", m.Content); err != nil {
			return err
		}
		if err := validateAttachments(field+".attachments", m.Attachments); err != nil {
			return err
		}
		if err := validateImages(field+".images", m.Images); err != nil {
			return err
		}
	}
	return nil
}

func (o *RunOverrides) validateTools() error {
	if len(o.Tools) > MaxRunTools {
		return fmt.Errorf("overrides.tools has %d tools; the limit is %d", len(o.Tools), MaxRunTools)
	}
	seen := map[string]bool{}
	for i, name := range o.Tools {
		if err := validateToolName(fmt.Sprintf("overrides.tools[%d]", i), name); err != nil {
			return err
		}
		if seen[name] {
			return fmt.Errorf("overrides.tools names %q twice", name)
		}
		seen[name] = true
	}
	switch o.ToolChoice {
	case "", ToolChoiceAuto, ToolChoiceNone, ToolChoiceRequired:
		return nil
	}
	if err := validateToolName("overrides.tool_choice", o.ToolChoice); err != nil {
		return fmt.Errorf("%w (or auto, none, required)", err)
	}
	if o.Tools != nil && !seen[o.ToolChoice] {
		return fmt.Errorf("overrides.tool_choice names %q, which is not in overrides.tools", o.ToolChoice)
	}
	return nil
}

// validateToolName applies the API's function name rule: 1 to 64 of a-z,
// A-Z, 0-9, _ and -.
func validateToolName(field, name string) error {
	ok := name != "" && len(name) <= maxToolNameLen
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			ok = false
		}
	}
	if !ok {
		return fmt.Errorf("%s is %q; a tool name has 1 to %d characters of a-z, A-Z, 0-9, _ and -", field, name, maxToolNameLen)
	}
	return nil
}

func (o *RunOverrides) validateSampling() error {
	if t := o.Temperature; t != nil && (*t < 0 || *t > 2) {
		return fmt.Errorf("overrides.temperature is %g; it must be between 0 and 2", *t)
	}
	if p := o.TopP; p != nil && (*p < 0 || *p > 1) {
		return fmt.Errorf("overrides.top_p is %g; it must be between 0 and 1", *p)
	}
	return nil
}

func (o *RunOverrides) validateTokenCaps() error {
	caps := []struct {
		field string
		v     int64
	}{{"max_prompt_tokens", o.MaxPromptTokens}, {"max_completion_tokens", o.MaxCompletionTokens}}
	for _, c := range caps {
		if c.v != 0 && c.v < minTokenCap {
			return fmt.Errorf("overrides.%s is %d; it must be 0 (the API's default) or at least %d", c.field, c.v, minTokenCap)
		}
	}
	return nil
}

func (f *ResponseFormat) validate() error {
	if f == nil {
		return nil
	}
	switch f.Type {
	case FormatText, FormatJSONObject:
		if f.JSONSchema != nil {
			return fmt.Errorf("overrides.response_format.json_schema is set but type is %q, not json_schema", f.Type)
		}
		return nil
	case FormatJSONSchema:
	default:
		return fmt.Errorf("overrides.response_format.type is %q; it must be text, json_object or json_schema", f.Type)
	}
	s := f.JSONSchema
	if s == nil {
		return fmt.Errorf("overrides.response_format.json_schema is missing (type json_schema)")
	}
	if err := validateToolName("overrides.response_format.json_schema.name", s.Name); err != nil {
		return err
	}
	if err := ValidateText("overrides.response_format.json_schema.description", s.Description, MaxInstructionsBytes); err != nil {
		return err
	}
	if len(s.Schema) == 0 {
		return fmt.Errorf("overrides.response_format.json_schema.schema is empty")
	}
	// encoding/json writes maps in sorted key order: the same size on every
	// replay (workflowcheck sees its reflection and cache, not the output).
	//workflowcheck:ignore
	raw, err := json.Marshal(s.Schema)
	if err != nil {
		return fmt.Errorf("overrides.response_format.json_schema.schema is not JSON: %v", err)
	}
	if len(raw) > MaxSchemaBytes {
		return fmt.Errorf("overrides.response_format.json_schema.schema is %d bytes encoded; the limit is %d", len(raw), MaxSchemaBytes)
	}
	return nil
}

func (t *TruncationStrategy) validate() error {
	switch {
	case t == nil:
		return nil
	case t.Type == TruncationAuto && t.LastMessages != 0:
		return fmt.Errorf("overrides.truncation_strategy.last_messages is set but type is auto")
	case t.Type == TruncationAuto:
		return nil
	case t.Type != TruncationLastMessages:
		return fmt.Errorf("overrides.truncation_strategy.type is %q; it must be auto or last_messages", t.Type)
	case t.LastMessages < 1:
		return fmt.Errorf("overrides.truncation_strategy.last_messages is %d; it must be at least 1", t.LastMessages)
	}
	return nil
}

// validateEncodedSize bounds the whole request, whose parts are each
// bounded too, on its encoded size: the workflow input and the start
// activity's input carry it all.
func (r RunRequest) validateEncodedSize() error {
	if r.Overrides == nil && len(r.Attachments)+len(r.Images) == 0 && r.ToolResources == nil {
		return nil // the other fields' own limits keep it far inside
	}
	// Deterministic output, as above.
	//workflowcheck:ignore
	raw, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("run request is not JSON: %v", err)
	}
	if len(raw) > MaxRunRequestBytes {
		return fmt.Errorf("the run request is %d bytes encoded (message, instructions, files and overrides together); the limit is %d", len(raw), MaxRunRequestBytes)
	}
	return nil
}
