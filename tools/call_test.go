package tools

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

type greetArgs struct {
	Name  string   `json:"name"`
	Times int      `json:"times,omitempty"`
	Home  *address `json:"home"`
}

// callRegistry has one tool per Call path under test.
func callRegistry() *Registry {
	r := NewRegistry()
	r.MustRegister(
		Func("greet", "", func(_ context.Context, a greetArgs) (string, error) {
			return "hello " + strings.Repeat(a.Name, max(a.Times, 1)), nil
		}),
		Func("echo", "", echo),
		Func("fail", "", func(context.Context, struct{}) (any, error) { return nil, errors.New("city not found") }),
		Func("flaky", "", func(context.Context, struct{}) (any, error) { return nil, Retryable(errors.New("upstream 503")) }),
		Func("boom", "", func(context.Context, struct{}) (any, error) { panic("kaboom") }),
		Func("big", "", func(context.Context, struct{}) (string, error) { return strings.Repeat("é", MaxOutputBytes), nil }),
		Func("angles", "", func(context.Context, struct{}) (string, error) { return strings.Repeat("<\x01", MaxOutputBytes), nil }),
		Func("free", "", func(_ context.Context, a map[string]any) (map[string]any, error) { return a, nil }),
		Func("html", "", func(context.Context, struct{}) (any, error) { return map[string]string{"a": "<b>&"}, nil }),
	)
	return r
}

func TestCall(t *testing.T) {
	tests := []struct {
		name, tool, args string
		wantOut          string // exact output, or for errors a substring of the message
		wantIsError      bool
	}{
		{"string result passes through", "greet", `{"name":"Ann","times":2}`, "hello AnnAnn", false},
		{"optional and nullable fields may be omitted", "greet", `{"name":"Ann"}`, "hello Ann", false},
		{"null optional field", "greet", `{"name":"Ann","times":null,"home":null}`, "hello Ann", false},
		{"struct result is JSON", "echo", `{"city":"Oslo"}`, `{"city":"Oslo"}`, false},
		{"html is not escaped", "html", `{}`, `{"a":"<b>&"}`, false},
		{"empty arguments mean {}", "html", ``, `{"a":"<b>&"}`, false},
		{"map arguments", "free", `{"x":[1,2]}`, `{"x":[1,2]}`, false},
		{"unknown tool", "nope", `{}`, `unknown tool \"nope\"; available tools: angles, big, boom, echo, fail, flaky, free, greet, html`, true},
		{"malformed JSON", "greet", `{"name":`, "arguments are not valid JSON", true},
		{"trailing data", "greet", `{"name":"a"} x`, "unexpected data after the object", true},
		{"not an object", "greet", `[1]`, "arguments: expected object, got array", true},
		{"missing required field", "greet", `{}`, `missing required field \"name\"`, true},
		{"missing nested field", "greet", `{"name":"a","home":{}}`, `missing required field \"home.city\"`, true},
		{"wrong type", "greet", `{"name":5}`, `field \"name\": expected string, got integer`, true},
		{"float for integer", "greet", `{"name":"a","times":1.5}`, `field \"times\": expected integer or null, got number`, true},
		{"unknown field", "greet", `{"name":"a","nmae":"b"}`, `unknown field \"nmae\" (known fields: home, name, times)`, true},
		{"unknown nested field", "greet", `{"name":"a","home":{"city":"x","street":"y"}}`, `unknown field \"home.street\"`, true},
		{"handler error", "fail", `{}`, `{"error":"city not found"}`, true},
		{"panic", "boom", `{}`, `tool \"boom\" panicked: kaboom`, true},
	}
	r := callRegistry()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, isError, err := r.Call(context.Background(), tt.tool, tt.args)
			require.NoError(t, err)
			require.Equal(t, tt.wantIsError, isError, out)
			if !tt.wantIsError {
				require.Equal(t, tt.wantOut, out)
				return
			}
			require.Contains(t, out, tt.wantOut)
			var e struct{ Error string }
			require.NoError(t, json.Unmarshal([]byte(out), &e), "error output is JSON")
			require.NotEmpty(t, e.Error)
		})
	}
}

func TestCallInfrastructureFaults(t *testing.T) {
	r := callRegistry()
	_, _, err := r.Call(context.Background(), "flaky", `{}`)
	require.True(t, IsRetryable(err))
	require.ErrorContains(t, err, "upstream 503")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err = r.Call(ctx, "greet", `{"name":"a"}`)
	require.ErrorIs(t, err, context.Canceled)
}

func TestCallReturnsWhenHandlerIgnoresContext(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	r := NewRegistry()
	r.MustRegister(Func("stuck", "", func(context.Context, struct{}) (string, error) {
		<-release
		return "late", nil
	}))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	_, _, err := r.Call(ctx, "stuck", `{}`)
	require.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestCallTruncatesLongOutput(t *testing.T) {
	out, isError, err := callRegistry().Call(context.Background(), "big", `{}`)
	require.NoError(t, err)
	require.False(t, isError)
	require.LessOrEqual(t, len(out), MaxOutputBytes)
	require.True(t, strings.HasPrefix(out, "éé"))
	require.Regexp(t, `é…\[truncated \d+ bytes\]$`, out)
}

// The cap is on the encoded size: an output of characters JSON escapes six
// times over is cut to fit as it travels, not by its raw length.
func TestCallCapsEncodedOutput(t *testing.T) {
	out, isError, err := callRegistry().Call(context.Background(), "angles", `{}`)
	require.NoError(t, err)
	require.False(t, isError)
	b, _ := json.Marshal(out)
	require.LessOrEqual(t, len(b), MaxOutputBytes)
	require.Greater(t, len(b), MaxOutputBytes-64, "keeps as much as fits")
	require.Regexp(t, `^<\x01<\x01.*…\[truncated \d+ bytes\]$`, out)
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		in    string
		limit int
		want  string
	}{
		{"short", 10, "short"},
		{strings.Repeat("a", 40), 30, strings.Repeat("a", 7) + "…[truncated 33 bytes]"},
		{strings.Repeat("é", 20), 30, strings.Repeat("é", 3) + "…[truncated 34 bytes]"}, // cut never splits a rune
	}
	for _, tt := range tests {
		got := truncate(tt.in, tt.limit)
		require.Equal(t, tt.want, got)
		require.LessOrEqual(t, len(got), tt.limit)
	}
}

func TestRetryable(t *testing.T) {
	base := errors.New("down")
	require.NoError(t, Retryable(nil))
	require.False(t, IsRetryable(base))
	require.True(t, IsRetryable(Retryable(base)))
	require.True(t, IsRetryable(errors.Join(errors.New("x"), Retryable(base))), "found when wrapped")
	require.ErrorIs(t, Retryable(base), base)
	require.Equal(t, "down", Retryable(base).Error())
}
