package activities

import (
	"context"
	"net/http/httptrace"
	"sync/atomic"
)

// A request that failed before it was written whole to the connection (no
// connection, a refused dial, a name that did not resolve) cannot have been
// acted upon: the API never read it. Such an attempt counts as a refusal
// (refusals.go), so a retry of a create that cannot be looked up
// (thread_and_run.go) may send it again. Anything written, even with an
// error, counts as sent.

// traceSend returns ctx traced, and a func reporting whether a request was
// written on it.
func traceSend(ctx context.Context) (context.Context, func() bool) {
	var wrote atomic.Bool
	trace := &httptrace.ClientTrace{WroteRequest: func(httptrace.WroteRequestInfo) { wrote.Store(true) }}
	return httptrace.WithClientTrace(ctx, trace), wrote.Load
}

// unsent records a failed request that was never written as a refusal.
func unsent(ctx context.Context, err error, wrote func() bool) {
	if err != nil && StatusOf(err) == 0 && !wrote() {
		recordRefusal(ctx)
	}
}
