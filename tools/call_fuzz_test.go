package tools

import (
	"context"
	"encoding/json"
	"testing"
	"unicode/utf8"
)

// FuzzCallArguments sends arbitrary argument text, as a model could, to the
// registry's tools (typed structs with nested, optional and enum fields,
// free-form maps, the examples): the call never panics and never reports an
// infrastructure error; an error output is a JSON object with "error"; every
// output is valid UTF-8 within MaxOutputBytes.
func FuzzCallArguments(f *testing.F) {
	r := callRegistry()
	r.MustRegister(Examples()...)
	var names []string // flaky's Retryable error and boom's panic log are tested in call_test.go
	for _, n := range r.Names() {
		if n != "flaky" && n != "boom" {
			names = append(names, n)
		}
	}
	for _, s := range []string{`{}`, ``, `{"name":"Ann","times":2}`, `{"name":"Ann","home":{"city":"x"}}`,
		`{"expression":"17*23"}`, `{"expression":"1/0"}`, `{"timezone":"Asia/Tokyo"}`, `{"value":1,"from":"km","to":"mi"}`,
		`[1,2]`, `{"name":null}`, `{"times":1e400}`, `{"name":"\ud800"}`, `{"a":` + "\xff" + `}`, `{"x":1}{"y":2}`} {
		for i := range names {
			f.Add(i, s)
		}
	}
	f.Fuzz(func(t *testing.T, which int, args string) {
		if which < 0 {
			which = -which
		}
		name := names[which%len(names)]
		out, isError, err := r.Call(context.Background(), name, args)
		if err != nil {
			t.Fatalf("%s(%q): infrastructure error %v", name, args, err)
		}
		if !utf8.ValidString(out) || len(out) > MaxOutputBytes {
			t.Fatalf("%s(%q): output not valid UTF-8 or too long (%d bytes)", name, args, len(out))
		}
		if isError {
			var e map[string]string
			if json.Unmarshal([]byte(out), &e) != nil || e["error"] == "" {
				t.Fatalf("%s(%q): error output %q is not {\"error\": ...}", name, args, out)
			}
		}
	})
}
