package tools

import "context"

// CallInfo identifies one tool call; handlers read it from their context.
type CallInfo struct {
	ThreadID   string
	APIRunID   string
	ToolCallID string
	Attempt    int32 // 1 on the first attempt
}

// IdempotencyKey is "thread/run/tool_call_id": the same on every attempt of one call, so a
// handler with side effects can pass it to the system it changes and not act twice.
func (c CallInfo) IdempotencyKey() string {
	return c.ThreadID + "/" + c.APIRunID + "/" + c.ToolCallID
}

type callInfoKey struct{}

// WithCallInfo returns a context that carries c to the handler.
func WithCallInfo(ctx context.Context, c CallInfo) context.Context {
	return context.WithValue(ctx, callInfoKey{}, c)
}

// CallInfoFrom returns the CallInfo carried by ctx, if any.
func CallInfoFrom(ctx context.Context) (CallInfo, bool) {
	c, ok := ctx.Value(callInfoKey{}).(CallInfo)
	return c, ok
}
