package tools

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCallInfo(t *testing.T) {
	_, ok := CallInfoFrom(context.Background())
	require.False(t, ok)

	info := CallInfo{ThreadID: "thread_1", APIRunID: "run_2", ToolCallID: "call_3", Attempt: 2}
	got, ok := CallInfoFrom(WithCallInfo(context.Background(), info))
	require.True(t, ok)
	require.Equal(t, info, got)
	require.Equal(t, "thread_1/run_2/call_3", got.IdempotencyKey())

	info.Attempt = 3
	require.Equal(t, got.IdempotencyKey(), info.IdempotencyKey(), "stable across retries")
}

func TestCallPassesCallInfoToHandler(t *testing.T) {
	r := NewRegistry()
	r.MustRegister(Func("key", "", func(ctx context.Context, _ struct{}) (string, error) {
		c, _ := CallInfoFrom(ctx)
		return c.IdempotencyKey(), nil
	}))
	ctx := WithCallInfo(context.Background(), CallInfo{ThreadID: "t", APIRunID: "r", ToolCallID: "c", Attempt: 1})
	out, isError, err := r.Call(ctx, "key", `{}`)
	require.NoError(t, err)
	require.False(t, isError)
	require.Equal(t, "t/r/c", out)
}
