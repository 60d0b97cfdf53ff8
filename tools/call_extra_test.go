package tools

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCallEdgeCases(t *testing.T) {
	manual := rawTool("manual", map[string]any{
		"type": "object",
		"properties": map[string]any{
			"level": map[string]any{"type": "integer", "enum": []any{1, 2}},
			"flag":  map[string]any{"type": "boolean"},
			"list":  map[string]any{"type": "array", "items": map[string]any{"type": "string"}},
		},
	}, false)
	unencodable := Func("chan", "", func(context.Context, struct{}) (any, error) { return make(chan int), nil })
	bytesArg := Func("bytes", "", func(_ context.Context, a struct {
		Data []byte `json:"data"`
	}) (string, error) {
		return string(a.Data), nil
	})
	r := NewRegistry()
	r.MustRegister(manual, unencodable, bytesArg)

	tests := []struct {
		name, tool, args, want string
		wantIsError            bool
	}{
		{"number enum", "manual", `{"level":2}`, "ok", false},
		{"number outside enum", "manual", `{"level":3}`, `field \"level\": 3 is not one of [1,2]`, true},
		{"null for boolean", "manual", `{"flag":null}`, `expected boolean, got null`, true},
		{"bad array item", "manual", `{"list":["a",true]}`, `field \"list[1]\": expected string, got boolean`, true},
		{"extra field allowed by schema", "manual", `{"other":{}}`, "ok", false},
		{"unencodable result", "chan", `{}`, "tool result cannot be encoded as JSON", true},
		{"bytes are base64", "bytes", `{"data":"aGk="}`, "hi", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, isError, err := r.Call(context.Background(), tt.tool, tt.args)
			require.NoError(t, err)
			require.Equal(t, tt.wantIsError, isError, out)
			require.Contains(t, out, tt.want)
		})
	}
}

func TestUnknownToolInEmptyRegistry(t *testing.T) {
	out, isError, err := NewRegistry().Call(context.Background(), "x", `{}`)
	require.NoError(t, err)
	require.True(t, isError)
	require.JSONEq(t, `{"error":"unknown tool \"x\": no tools are available"}`, out)
}

func TestMustRegisterPanics(t *testing.T) {
	require.Panics(t, func() { NewRegistry().MustRegister(Tool{Name: "x"}) })
}

// TestRegistryConcurrentUse is for -race: registration, calls and listing at once.
func TestRegistryConcurrentUse(t *testing.T) {
	r := NewRegistry()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			require.NoError(t, r.Register(Func(fmt.Sprintf("echo_%d", i), "", echo)))
			out, isError, err := r.Call(context.Background(), "echo_0", `{"city":"Rome"}`)
			require.NoError(t, err)
			if !isError {
				require.JSONEq(t, `{"city":"Rome"}`, out)
			}
			for _, d := range r.Definitions() {
				_, err := json.Marshal(d)
				require.NoError(t, err)
			}
		})
	}
	wg.Wait()
	require.Len(t, r.Names(), 8)
}
