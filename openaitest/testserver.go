package openaitest

import (
	"net/http/httptest"
	"testing"
)

// NewTestServer starts an emulator on an httptest server that tb.Cleanup
// closes, and returns it with its base URL (ending in /v1; in Azure mode the
// endpoint a client is configured with, see AzureOptions). Closing waits for
// requests in flight, so a blocking OnCommit hook must be released by a
// cleanup registered after this call (cleanups run last-in first-out).
func NewTestServer(tb testing.TB, opts Options) (*Server, string) {
	tb.Helper()
	s := New(opts)
	ts := httptest.NewServer(s)
	tb.Cleanup(ts.Close)
	return s, ts.URL + opts.basePath()
}
