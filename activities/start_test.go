package activities_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

const messagesRoute = "POST /v1/threads/{thread_id}/messages"

// activeRun keeps a run in progress for the whole test.
const activeRun = "Hello\nsleep: 1m"

func TestStartRunCreatesOneRunWithMessageAndKey(t *testing.T) {
	h := newHarness(t, harnessConfig{})
	in := h.startInput("Hello there", "wf-1/run-1/turn-1")
	in.Metadata = map[string]string{"customer": "acme"}

	st := h.start(in)

	require.Equal(t, in.ThreadID, st.ThreadID)
	stats := h.srv.Stats()
	require.Equal(t, 1, stats.RunsCreated)
	require.Equal(t, 1, stats.UserMessagesCreated, "the message travels inside the run create")
	require.Zero(t, stats.Requests[messagesRoute], "no separate message create")

	run, err := h.client.Beta.Threads.Runs.Get(context.Background(), in.ThreadID, st.APIRunID)
	require.NoError(t, err)
	require.Equal(t, "wf-1/run-1/turn-1", run.Metadata[activities.MetadataKeyIdempotency])
	require.Equal(t, "da_idempotency_key", activities.MetadataKeyIdempotency)
	require.Equal(t, "acme", run.Metadata["customer"], "user metadata is kept")
	require.Equal(t, "acme", in.Metadata["customer"])
	require.Len(t, in.Metadata, 1, "the caller's map is not modified")

	msgs, err := h.client.Beta.Threads.Messages.List(context.Background(), in.ThreadID, openai.BetaThreadMessageListParams{})
	require.NoError(t, err)
	require.Len(t, msgs.Data, 1)
	require.Equal(t, openai.MessageRoleUser, msgs.Data[0].Role)
	require.Equal(t, "Hello there", msgs.Data[0].Content[0].Text.Value)
}

func TestStartRunRejectsEmptyIdempotencyKey(t *testing.T) {
	h := newHarness(t, harnessConfig{})
	in := h.startInput("Hello", "")

	err := h.exec(nil, h.acts.StartRun, in)

	app := appError(t, err)
	require.Equal(t, assistant.ErrorTypeInvalidInput, app.Type())
	require.True(t, app.NonRetryable())
	require.Zero(t, h.srv.Stats().RunsCreated)
}

func TestStartRunSameKeyWhileActiveAdoptsTheRun(t *testing.T) {
	h := newHarness(t, harnessConfig{})
	in := h.startInput(activeRun, "key-1")
	first := h.start(in)

	second := h.start(in)

	require.Equal(t, first.APIRunID, second.APIRunID)
	require.True(t, second.Status.Pending(), "status %s", second.Status)
	require.Equal(t, 1, h.srv.Stats().RunsCreated)
	require.Equal(t, 1, h.srv.Stats().UserMessagesCreated)
}

func TestStartRunOtherKeyWhileActiveIsThreadBusy(t *testing.T) {
	h := newHarness(t, harnessConfig{})
	in := h.startInput(activeRun, "key-1")
	h.start(in)

	in.IdempotencyKey = "key-2"
	err := h.exec(nil, h.acts.StartRun, in)

	app := appError(t, err)
	require.Equal(t, assistant.ErrorTypeThreadBusy, app.Type())
	require.False(t, app.NonRetryable())
	require.Positive(t, app.NextRetryDelay())
	require.Contains(t, app.Error(), in.ThreadID)
	require.Equal(t, 1, h.srv.Stats().RunsCreated)
}

func TestStartRunRetryAfterLostResponseAdoptsTheRun(t *testing.T) {
	h := newHarness(t, harnessConfig{})
	var mu sync.Mutex
	var created []string
	h.srv.OnCommit(func(op, id string) {
		if op == "run.create" {
			mu.Lock()
			created = append(created, id)
			mu.Unlock()
		}
	})
	in := h.startInput(activeRun, "key-lost")
	h.srv.InjectFault(openaitest.Fault{
		AfterCommit: true, Drop: true, Method: "POST", Route: "/v1/threads/{thread_id}/runs",
	})

	err := h.exec(nil, h.acts.StartRun, in)
	app := appError(t, err)
	require.Equal(t, assistant.ErrorTypeConnection, app.Type())
	require.False(t, app.NonRetryable())
	require.Equal(t, 1, h.srv.Stats().RunsCreated, "the first create committed")

	st := h.start(in) // the retry

	mu.Lock()
	defer mu.Unlock()
	require.Equal(t, []string{st.APIRunID}, created, "the retry adopted the committed run")
	require.Equal(t, 1, h.srv.Stats().RunsCreated)
	require.Equal(t, 1, h.srv.Stats().UserMessagesCreated)
}

// TestStartRunAdoptedStateMatchesCreate checks that an adopted run is
// returned like a fresh one (pending, same thread, an expiry).
func TestStartRunAdoptedStateMatchesCreate(t *testing.T) {
	h := newHarness(t, harnessConfig{})
	in := h.startInput(activeRun, "key-same")
	first := h.start(in)
	second := h.start(in)

	require.Equal(t, first.ThreadID, second.ThreadID)
	for _, st := range []assistant.RunState{first, second} {
		require.Contains(t, []assistant.RunStatus{assistant.StatusQueued, assistant.StatusInProgress}, st.Status)
		require.NotZero(t, st.ExpiresAt)
		require.Greater(t, time.Unix(st.ExpiresAt, 0), time.Now())
	}
}
