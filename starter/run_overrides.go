package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// overrideFlags are the flags of a run's per-run overrides; build turns the
// ones given into RunOverrides (nil when none was).
type overrideFlags struct {
	o         assistant.RunOverrides
	set       bool
	metadata  map[string]string
	schema    string // --json-schema FILE
	schemaNam string
	strict    bool
}

func addOverrideFlags(fs *flag.FlagSet) *overrideFlags {
	f := &overrideFlags{}
	mark := func(fn func(string) error) func(string) error {
		return func(s string) error { f.set = true; return fn(s) }
	}
	fs.Func("model", "model for this run (replaces the assistant's)", mark(func(s string) error { f.o.Model = s; return nil }))
	fs.Func("replace-instructions", "instructions for this run, replacing the assistant's (--instructions adds to them)",
		mark(func(s string) error { f.o.Instructions = &s; return nil }))
	fs.Func("additional-message", "ROLE:TEXT (user or assistant) added before the message; repeatable",
		mark(func(s string) error {
			role, text, ok := strings.Cut(s, ":")
			if !ok {
				return fmt.Errorf("want ROLE:TEXT, e.g. user:hello")
			}
			f.o.AdditionalMessages = append(f.o.AdditionalMessages, assistant.Message{Role: assistant.Role(role), Content: text})
			return nil
		}))
	fs.Func("tools", "comma-separated registered tools this run may call (default: the assistant's)",
		mark(func(s string) error { f.o.Tools = strings.Split(s, ","); return nil }))
	fs.Func("tool-choice", "auto, none, required or a tool name", mark(func(s string) error { f.o.ToolChoice = s; return nil }))
	fs.Func("parallel-tool-calls", "true or false", mark(func(s string) error { return parseBoolPtr(s, &f.o.ParallelToolCalls) }))
	fs.Func("temperature", "0 to 2", mark(func(s string) error { return parseFloatPtr(s, &f.o.Temperature) }))
	fs.Func("top-p", "0 to 1", mark(func(s string) error { return parseFloatPtr(s, &f.o.TopP) }))
	fs.Func("response-format", "text, json_object or json_schema (with --json-schema)",
		mark(func(s string) error { f.o.ResponseFormat = &assistant.ResponseFormat{Type: s}; return nil }))
	fs.StringVar(&f.schema, "json-schema", "", "file holding the JSON schema the reply must follow (sets --response-format json_schema)")
	fs.StringVar(&f.schemaNam, "schema-name", "reply", "name of the --json-schema")
	fs.BoolVar(&f.strict, "strict", false, "hold the reply to --json-schema exactly (strict structured output)")
	fs.Func("truncation", "auto or last_messages:N", mark(func(s string) error {
		kind, n, _ := strings.Cut(s, ":")
		f.o.TruncationStrategy = &assistant.TruncationStrategy{Type: kind}
		if n != "" {
			v, err := strconv.ParseInt(n, 10, 64)
			f.o.TruncationStrategy.LastMessages = v
			return err
		}
		return nil
	}))
	fs.Func("max-prompt-tokens", "cap on the run's prompt tokens (at least 256)", mark(func(s string) error { return parseInt(s, &f.o.MaxPromptTokens) }))
	fs.Func("max-completion-tokens", "cap on the run's completion tokens (at least 256)", mark(func(s string) error { return parseInt(s, &f.o.MaxCompletionTokens) }))
	fs.Func("metadata", "KEY=VALUE on the run; repeatable", func(s string) error {
		k, v, ok := strings.Cut(s, "=")
		if !ok {
			return fmt.Errorf("want KEY=VALUE")
		}
		if f.metadata == nil {
			f.metadata = map[string]string{}
		}
		f.metadata[k] = v
		return nil
	})
	return f
}

// build returns the overrides given, reading the schema file.
func (f *overrideFlags) build() (*assistant.RunOverrides, error) {
	if f.schema != "" {
		raw, err := os.ReadFile(f.schema)
		if err != nil {
			return nil, fmt.Errorf("--json-schema: %w", err)
		}
		var schema map[string]any
		if err := json.Unmarshal(raw, &schema); err != nil {
			return nil, fmt.Errorf("--json-schema %s is not a JSON object: %w", f.schema, err)
		}
		f.o.ResponseFormat, f.set = assistant.JSONSchemaFormat(f.schemaNam, schema, f.strict), true
	}
	if !f.set {
		return nil, nil
	}
	o := f.o
	return &o, nil
}

func parseBoolPtr(s string, dst **bool) error {
	v, err := strconv.ParseBool(s)
	*dst = &v
	return err
}

func parseFloatPtr(s string, dst **float64) error {
	v, err := strconv.ParseFloat(s, 64)
	*dst = &v
	return err
}

func parseInt(s string, dst *int64) error {
	v, err := strconv.ParseInt(s, 10, 64)
	*dst = v
	return err
}
