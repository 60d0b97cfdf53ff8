package integration

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/responses"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	workflowpb "go.temporal.io/api/workflow/v1"
	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// A run cancelled while its start waits between two attempts (its poll was
// refused with a 429 asking for 5 minutes) cancels the response the first
// attempt named: the cancel ends the activity at once with no details, and
// before the workflow read the activity's heartbeat first it looked for the
// response by key, which the Responses API cannot do, and waited (up to 5
// minutes) for the response to end by itself.
func TestResponsesCancelBetweenAttemptsCancelsTheResponse(t *testing.T) {
	e := newEnv(t, openaitest.Options{})
	e.proto = protocols[1]
	e.startTestWorker()
	ctx := e.ctx(90 * time.Second)
	created := e.responsesCreated()
	e.emu.InjectFault(fault(e.proto.pollRoute, openaitest.Fault{Status: 429, RetryAfter: 5 * time.Minute}))
	run, err := e.client.StartRun(ctx, assistant.RunRequest{AssistantID: "brief", Message: "think\nsleep: 10m"})
	require.NoError(t, err)
	e.waitActivityBackoff(ctx, run, assistant.ActivityStartRun)

	cancelled := time.Now()
	require.NoError(t, run.Cancel(ctx))
	_, err = run.Result(ctx)
	var ce *temporal.CanceledError
	require.True(t, errors.As(err, &ce), "want the run cancelled, got %v", err)
	t.Logf("the run ended %.1f s after the cancel", time.Since(cancelled).Seconds())
	e.saveGolden(ctx, "run_cancel_between_attempts", run.WorkflowID, run.WorkflowRunID)
	require.Equal(t, 1, e.emu.Stats().ResponsesCancelled, "the emulator received no cancel of the response")
	requireResponseCancelled(t, e, ctx, created())
}

// responsesCreated records the IDs of the responses the emulator creates.
func (e *env) responsesCreated() func() []string {
	var mu sync.Mutex
	var ids []string
	e.emu.OnCommit(func(op, id string) {
		if op == "response.create" {
			mu.Lock()
			defer mu.Unlock()
			ids = append(ids, id)
		}
	})
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(ids)
	}
}

// requireResponseCancelled checks that the only response created is cancelled.
func requireResponseCancelled(t *testing.T, e *env, ctx context.Context, created []string) {
	t.Helper()
	require.Len(t, created, 1)
	id := created[0]
	api := openai.NewClient(option.WithBaseURL(e.emuURL), option.WithAPIKey("test-key"), option.WithMaxRetries(0))
	r, err := api.Responses.Get(ctx, id, responses.ResponseGetParams{})
	require.NoError(t, err)
	require.Equal(t, responses.ResponseStatusCancelled, r.Status)
}

// waitActivityBackoff waits until an activity has failed an attempt and
// waits for its next one (scheduled, not started).
func (e *env) waitActivityBackoff(ctx context.Context, run *client.Run, activityType string) {
	e.t.Helper()
	e.awaitPendingActivity(ctx, run, activityType, 30*time.Second, "waited for a retry", func(pa *workflowpb.PendingActivityInfo) bool {
		return pa.State == enumspb.PENDING_ACTIVITY_STATE_SCHEDULED && pa.Attempt >= 2
	})
}
