package tools

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"
)

// A panic value can carry the user's text (a handler that panics with its
// arguments): the model gets it in its output, which history stores (and
// the payload codec encrypts), but the worker's log gets only the panic's
// type and the stack.
func TestPanicValueStaysOutOfTheLog(t *testing.T) {
	var buf bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&buf, nil)))
	t.Cleanup(func() { slog.SetDefault(old) })
	r := NewRegistry()
	r.MustRegister(Func("leaky", "", func(_ context.Context, a struct {
		Card string `json:"card"`
	}) (any, error) {
		panic(fmt.Sprintf("bad card %s", a.Card))
	}))

	out, isError, err := r.Call(context.Background(), "leaky", `{"card":"4111-secret"}`)

	require.NoError(t, err)
	require.True(t, isError)
	require.Contains(t, out, "4111-secret", "the model is told what went wrong")
	require.Contains(t, buf.String(), "tool handler panicked")
	require.Contains(t, buf.String(), "PanicType=string")
	require.Contains(t, buf.String(), "call_panic_test.go", "the stack is logged")
	require.NotContains(t, buf.String(), "4111-secret")
}
