package workflows

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/client"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// The thread is created only when the request has none, before the run, and
// the run goes on the thread given or created.
func TestRunCreatesThreadOnlyWhenNoneGiven(t *testing.T) {
	for _, tc := range []struct {
		name        string
		threadID    string
		wantThread  string
		wantCreates int
		wantOrder   []string
	}{
		{"thread given", "thread_given", "thread_given", 0, []string{"StartRun"}},
		{"no thread", "", "thread_new", 1, []string{"CreateThread", "StartRun"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			h.env.OnActivity(a.CreateThread, mock.Anything, mock.Anything).Return(
				func(context.Context, activities.CreateThreadInput) (activities.CreateThreadResult, error) {
					return activities.CreateThreadResult{ThreadID: "thread_new"}, nil
				})
			h.env.OnActivity(a.StartRun, mock.Anything, mock.Anything).Return(
				func(_ context.Context, in activities.StartRunInput) (assistant.RunState, error) {
					st := completed()
					st.ThreadID = in.ThreadID
					return st, nil
				})
			req := baseRequest()
			req.ThreadID = tc.threadID
			h.run(req)

			res := h.result()
			require.Equal(t, tc.wantThread, res.ThreadID)
			require.Equal(t, tc.wantCreates, h.calls("CreateThread"))
			require.Equal(t, tc.wantOrder, h.types())
			starts := inputs[activities.StartRunInput](h, "StartRun")
			require.Len(t, starts, 1)
			require.Equal(t, tc.wantThread, starts[0].ThreadID)
		})
	}
}

// StartRun receives the request's fields and an idempotency key naming this
// workflow execution: "<workflow ID>/<run ID>".
func TestRunStartRunInput(t *testing.T) {
	h := newHarness(t)
	var wantKey string
	h.env.OnActivity(a.StartRun, mock.Anything, mock.Anything).Return(
		func(ctx context.Context, _ activities.StartRunInput) (assistant.RunState, error) {
			we := activity.GetInfo(ctx).WorkflowExecution
			wantKey = we.ID + "/" + we.RunID
			return completed(), nil
		})
	req := baseRequest()
	h.run(req)
	h.result()

	starts := inputs[activities.StartRunInput](h, "StartRun")
	require.Len(t, starts, 1)
	in := starts[0]
	require.Equal(t, req.Message, in.Message)
	require.Equal(t, req.AssistantID, in.AssistantID)
	require.Equal(t, req.Instructions, in.Instructions)
	require.Equal(t, req.Metadata, in.Metadata)
	require.Equal(t, testThreadID, in.ThreadID)
	require.NotEmpty(t, in.IdempotencyKey)
	require.True(t, strings.HasPrefix(wantKey, testWorkflowID+"/"), "key %q", wantKey)
	require.Greater(t, len(wantKey), len(testWorkflowID+"/"), "run ID missing from key %q", wantKey)
	require.Equal(t, wantKey, in.IdempotencyKey)
}

// A key longer than a metadata value may be is hashed: still stable and
// unique per execution, and within the API's limit.
func TestRunIdempotencyKeyOfLongWorkflowIDIsHashed(t *testing.T) {
	h := newHarness(t)
	longID := strings.Repeat("w", assistant.MaxMetadataValueLen)
	h.env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: longID})
	var raw string
	h.env.OnActivity(a.StartRun, mock.Anything, mock.Anything).Return(
		func(ctx context.Context, _ activities.StartRunInput) (assistant.RunState, error) {
			we := activity.GetInfo(ctx).WorkflowExecution
			raw = we.ID + "/" + we.RunID
			return completed(), nil
		})
	h.run(baseRequest())
	h.result()

	in := inputs[activities.StartRunInput](h, "StartRun")[0]
	require.True(t, strings.HasPrefix(raw, longID+"/"))
	sum := sha256.Sum256([]byte(raw))
	require.Equal(t, hex.EncodeToString(sum[:]), in.IdempotencyKey)
	require.LessOrEqual(t, len(in.IdempotencyKey), assistant.MaxMetadataValueLen)
}

// Retries of StartRun (a transient error) carry the same key, so the
// activity can adopt a run an earlier attempt created.
func TestRunStartRunRetriesKeepTheKey(t *testing.T) {
	h := newHarness(t)
	h.env.OnActivity(a.StartRun, mock.Anything, mock.Anything).Return(
		func(ctx context.Context, _ activities.StartRunInput) (assistant.RunState, error) {
			if activity.GetInfo(ctx).Attempt < 3 {
				return assistant.RunState{}, retryableAPIError()
			}
			return completed(), nil
		})
	h.run(baseRequest())
	require.Equal(t, assistant.StatusCompleted, h.result().Status)

	starts := inputs[activities.StartRunInput](h, "StartRun")
	require.Len(t, starts, 3)
	require.NotEmpty(t, starts[0].IdempotencyKey)
	for _, in := range starts {
		require.Equal(t, starts[0], in)
	}
}
