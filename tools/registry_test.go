package tools

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func echo(_ context.Context, a address) (address, error) { return a, nil }

func rawTool(name string, params map[string]any, strict bool) Tool {
	return Tool{Name: name, Parameters: params, Strict: strict,
		Handler: func(context.Context, json.RawMessage) (any, error) { return "ok", nil }}
}

func TestRegisterErrors(t *testing.T) {
	tests := []struct {
		name  string
		tools []Tool
		want  string
	}{
		{"empty name", []Tool{Func("", "", echo)}, `register "": invalid name`},
		{"bad character", []Tool{Func("get weather", "", echo)}, `register "get weather": invalid name`},
		{"too long", []Tool{Func(strings.Repeat("a", 65), "", echo)}, "invalid name"},
		{"duplicate in batch", []Tool{Func("a", "", echo), Func("a", "", echo)}, `register "a": a tool with this name is already registered`},
		{"duplicate of registered", []Tool{Func("existing", "", echo)}, `register "existing": a tool with this name`},
		{"nil handler", []Tool{{Name: "nil"}}, `register "nil": nil handler`},
		{"underivable schema", []Tool{Func("loop", "", func(context.Context, loopArgs) (string, error) { return "", nil })}, `register "loop": bad schema: field next: recursive type`},
		{"top level not object", []Tool{rawTool("arr", map[string]any{"type": "array"}, false)}, `register "arr": bad schema: top level`},
		{"strict without additionalProperties", []Tool{rawTool("s", map[string]any{"type": "object", "properties": map[string]any{}}, true)}, "strict mode needs additionalProperties false"},
		{"strict optional field", []Tool{rawTool("s", map[string]any{"type": "object", "additionalProperties": false,
			"properties": map[string]any{"x": map[string]any{"type": "string"}}}, true)}, `strict mode needs property "x" in required`},
		{"required not a property", []Tool{rawTool("r", map[string]any{"type": "object", "required": []string{"x"}}, false)}, `required field "x" is not a property`},
		{"unencodable schema", []Tool{rawTool("u", map[string]any{"type": "object", "x": func() {}}, false)}, "not JSON-encodable"},
		{"negative timeout", []Tool{Func("n", "", echo, WithTimeout(-time.Second))}, "negative timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewRegistry()
			r.MustRegister(Func("existing", "", echo))
			err := r.Register(tt.tools...)
			require.ErrorContains(t, err, tt.want)
			require.Equal(t, []string{"existing"}, r.Names(), "a failed Register adds nothing")
		})
	}
}

func TestRegisterDefaultsAndDefinitions(t *testing.T) {
	r := NewRegistry()
	r.MustRegister(
		Func("b_tool", "B.", echo, WithTimeout(time.Minute), WithMaxAttempts(5), WithApproval(), WithTaskQueue("other")),
		Func("a_tool", "A.", echo),
		rawTool("no_args", nil, true),
	)
	require.Equal(t, []string{"a_tool", "b_tool", "no_args"}, r.Names())

	a, ok := r.Lookup("a_tool")
	require.True(t, ok)
	require.Equal(t, Options{Timeout: DefaultTimeout, MaxAttempts: DefaultMaxAttempts}, a.Options)
	b, _ := r.Lookup("b_tool")
	require.Equal(t, Options{Timeout: time.Minute, MaxAttempts: 5, RequiresApproval: true, TaskQueue: "other"}, b.Options)
	_, ok = r.Lookup("missing")
	require.False(t, ok)

	defs := r.Definitions()
	require.Len(t, defs, 3)
	require.Equal(t, "a_tool", defs[0].Name)
	require.Equal(t, "A.", defs[0].Description)
	require.True(t, defs[0].Strict)
	got, err := json.Marshal(defs[2])
	require.NoError(t, err)
	require.JSONEq(t, `{"name":"no_args","description":"","strict":true,
		"parameters":{"type":"object","properties":{},"required":[],"additionalProperties":false}}`, string(got))

	defs[0].Parameters["type"] = "mutated"
	require.Equal(t, "object", r.Definitions()[0].Parameters["type"], "Definitions returns copies")
}

func TestSwapReplacesAToolSetAtOnce(t *testing.T) {
	handler := func(context.Context, json.RawMessage) (any, error) { return "ok", nil }
	r := NewRegistry()
	r.MustRegister(Tool{Name: "go_tool", Handler: handler}, Tool{Name: "mcp_a", Handler: handler})
	if err := r.Swap([]string{"mcp_a"}, Tool{Name: "mcp_b", Handler: handler}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(r.Names(), ","); got != "go_tool,mcp_b" {
		t.Fatalf("after swap: %s", got)
	}
	// A clash with a tool that is not being removed changes nothing.
	err := r.Swap([]string{"mcp_b"}, Tool{Name: "go_tool", Handler: handler})
	if err == nil || !strings.Contains(err.Error(), `"go_tool"`) {
		t.Fatalf("clash: %v", err)
	}
	if got := strings.Join(r.Names(), ","); got != "go_tool,mcp_b" {
		t.Fatalf("after refused swap: %s", got)
	}
}

// A local tool runs in this worker: it cannot be routed to a task queue
// (issue 18), and the option is kept.
func TestRegisterLocal(t *testing.T) {
	r := NewRegistry()
	err := r.Register(Func("remote", "", echo, WithLocal(), WithTaskQueue("other")))
	require.ErrorContains(t, err, "a local tool runs on this worker")
	r.MustRegister(Func("fast", "", echo, WithLocal()))
	f, _ := r.Lookup("fast")
	require.True(t, f.Options.Local)
}
