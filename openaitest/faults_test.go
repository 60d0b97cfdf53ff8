package openaitest_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/openaitest"
)

func TestAPIKey(t *testing.T) {
	_, url := openaitest.NewTestServer(t, openaitest.Options{APIKey: "secret"})
	ctx := context.Background()

	anon := newClient(url)
	_, err := anon.Beta.Threads.New(ctx, openai.BetaThreadNewParams{})
	e := apiError(t, err, http.StatusUnauthorized)
	require.Equal(t, "invalid_api_key", e.Code)

	authed := newClient(url, option.WithAPIKey("secret"))
	_, err = authed.Beta.Threads.New(ctx, openai.BetaThreadNewParams{})
	require.NoError(t, err)
}

func TestStatusFaults(t *testing.T) {
	srv, c := start(t, openaitest.Options{})
	ctx := context.Background()
	srv.InjectFault(openaitest.Fault{Method: "POST", Route: "/v1/threads", Status: 429, RetryAfter: 1500 * time.Millisecond})
	srv.InjectFault(openaitest.Fault{Route: "/v1/threads/{thread_id}", Status: 503, Count: 2})

	_, err := c.Beta.Threads.New(ctx, openai.BetaThreadNewParams{})
	e := apiError(t, err, http.StatusTooManyRequests)
	require.Equal(t, "rate_limit_exceeded", e.Code)
	require.Equal(t, "2", e.Response.Header.Get("retry-after"))
	require.Equal(t, "1500", e.Response.Header.Get("retry-after-ms"))
	require.NotEmpty(t, e.Response.Header.Get("x-request-id"))
	require.Zero(t, srv.Stats().ThreadsCreated)

	th, err := c.Beta.Threads.New(ctx, openai.BetaThreadNewParams{})
	require.NoError(t, err)
	for range 2 {
		_, err = c.Beta.Threads.Get(ctx, th.ID)
		require.Equal(t, "server_error", apiError(t, err, http.StatusServiceUnavailable).Type)
	}
	_, err = c.Beta.Threads.Get(ctx, th.ID)
	require.NoError(t, err)
	require.Equal(t, 3, srv.Stats().Requests["GET /v1/threads/{thread_id}"])
	require.Equal(t, 2, srv.Stats().Requests["POST /v1/threads"])
}

func TestDropAndAfterCommit(t *testing.T) {
	srv, url := openaitest.NewTestServer(t, openaitest.Options{})
	// A fresh connection per request, so the transport cannot silently
	// replay a dropped request.
	c := newClient(url, option.WithHTTPClient(&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}))
	ctx := context.Background()

	srv.InjectFault(openaitest.Fault{Route: "/v1/threads", Drop: true})
	_, err := c.Beta.Threads.New(ctx, openai.BetaThreadNewParams{})
	require.Error(t, err)
	var apiErr *openai.Error
	require.NotErrorAs(t, err, &apiErr, "a dropped connection is not an API error")
	require.Zero(t, srv.Stats().ThreadsCreated)

	// AfterCommit: the thread exists although the client saw a failure.
	srv.InjectFault(openaitest.Fault{Route: "/v1/threads", Status: 500, AfterCommit: true})
	_, err = c.Beta.Threads.New(ctx, openai.BetaThreadNewParams{})
	apiError(t, err, http.StatusInternalServerError)
	require.Equal(t, 1, srv.Stats().ThreadsCreated)

	srv.InjectFault(openaitest.Fault{Route: "/v1/threads", Drop: true, AfterCommit: true})
	_, err = c.Beta.Threads.New(ctx, openai.BetaThreadNewParams{})
	require.Error(t, err)
	require.Equal(t, 2, srv.Stats().ThreadsCreated)
}

func TestUnknownFieldsAccepted(t *testing.T) {
	_, c := start(t, openaitest.Options{})
	a := newAssistant(t, c)
	th, err := c.Beta.Threads.New(context.Background(), openai.BetaThreadNewParams{})
	require.NoError(t, err)
	run, err := c.Beta.Threads.Runs.New(context.Background(), th.ID, openai.BetaThreadRunNewParams{AssistantID: a.ID},
		option.WithJSONSet("some_future_field", map[string]any{"x": 1}))
	require.NoError(t, err)
	require.Equal(t, openai.RunStatusCompleted, await(t, c, run).Status)
}
