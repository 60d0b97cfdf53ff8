package activities_test

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/activities/assistantsapi"
	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/openaitest"
	"github.com/durable-assistants/durable-assistants/tools"
)

const threadAndRunRoute = "/v1/threads/runs"

// threadAndRun is a create-thread-and-run start of a fresh assistant.
func (h *harness) threadAndRun(message, key string) activities.StartRunInput {
	return activities.StartRunInput{AssistantID: h.assistant(), Message: message, IdempotencyKey: key, ThreadAndRun: true}
}

// withRetries runs one activity the way a workflow does, retried by the
// test server up to attempts times with the heartbeat details carried
// over (the activity environment runs attempt 1 only).
func withRetries[T any](t *testing.T, acts *activities.Activities, attempts int32, fn, in any) (T, error) {
	t.Helper()
	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestWorkflowEnvironment()
	env.RegisterActivity(acts)
	env.RegisterWorkflowWithOptions(func(ctx workflow.Context) (T, error) {
		ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: 30 * time.Second,
			HeartbeatTimeout: 10 * time.Second, RetryPolicy: &temporal.RetryPolicy{InitialInterval: time.Millisecond, MaximumAttempts: attempts}})
		var out T
		err := workflow.ExecuteActivity(ctx, fn, in).Get(ctx, &out)
		return out, err
	}, workflow.RegisterOptions{Name: "retried"})
	env.ExecuteWorkflow("retried")
	require.True(t, env.IsWorkflowCompleted())
	var out T
	if err := env.GetWorkflowError(); err != nil {
		return out, err
	}
	require.NoError(t, env.GetWorkflowResult(&out))
	return out, nil
}

// One request makes the thread (tagged with the key), its messages and the
// run; no thread is created on its own.
func TestThreadAndRunIsOneRequest(t *testing.T) {
	h := newStreamHarness(t, openaitest.Options{})
	in := h.threadAndRun("hello", "tar-1")
	in.Overrides = &assistant.RunOverrides{AdditionalMessages: []assistant.Message{{Role: "assistant", Content: "earlier"}}}

	st, err := h.followStart(in)

	require.NoError(t, err)
	require.Equal(t, assistant.StatusCompleted, st.Status)
	require.Equal(t, "Echo: hello", st.Reply.Text)
	require.Regexp(t, `^thread_`, st.ThreadID)
	stats := h.srv.Stats()
	require.Equal(t, 1, stats.Requests["POST "+threadAndRunRoute])
	require.Zero(t, stats.Requests["POST /v1/threads"])
	require.Equal(t, 1, stats.ThreadsCreated)
	require.Equal(t, 1, stats.RunsCreated)
	th, err := h.client.Beta.Threads.Get(context.Background(), st.ThreadID)
	require.NoError(t, err)
	require.Equal(t, "tar-1", th.Metadata[activities.MetadataKeyIdempotency])
	msgs, err := h.client.Beta.Threads.Messages.List(context.Background(), st.ThreadID, openai.BetaThreadMessageListParams{Order: "asc"})
	require.NoError(t, err)
	require.Len(t, msgs.Data, 3, "the additional message, the run's, the reply")
	require.Equal(t, "earlier", msgs.Data[0].Content[0].Text.Value)
	require.Equal(t, "hello", msgs.Data[1].Content[0].Text.Value)
	require.Equal(t, st.ThreadID, h.retry().ThreadID, "the thread was in the details")
}

// An answer lost after the API made the thread and the run: the retry
// cannot find them (no thread was named) and does not send the request
// again. One thread and one run, ever; the failure says why.
func TestThreadAndRunLostAnswerIsNeverSentTwice(t *testing.T) {
	h := newHarness(t, harnessConfig{})
	in := h.threadAndRun("hello", "tar-lost")
	in.Follow = true
	h.srv.InjectFault(openaitest.Fault{Method: "POST", Route: threadAndRunRoute, AfterCommit: true, Drop: true})

	_, err := withRetries[assistant.RunState](t, h.acts, 5, h.acts.StartRun, in)

	app := appError(t, err)
	require.Equal(t, assistant.ErrorTypeStartUnknown, app.Type())
	require.True(t, app.NonRetryable())
	require.Contains(t, app.Error(), "never a second run")
	stats := h.srv.Stats()
	require.Equal(t, 1, stats.Requests["POST "+threadAndRunRoute], "sent once")
	require.Equal(t, 1, stats.RunsCreated)
}

// A create refused with a 429 did nothing: the retry sends it again.
func TestThreadAndRunRefusedIsSentAgain(t *testing.T) {
	h := newHarness(t, harnessConfig{})
	in := h.threadAndRun("hello", "tar-429")
	in.Follow = true
	h.srv.InjectFault(openaitest.Fault{Method: "POST", Route: threadAndRunRoute, Status: 429, Count: 2})

	st, err := withRetries[assistant.RunState](t, h.acts, 5, h.acts.StartRun, in)

	require.NoError(t, err)
	require.Equal(t, assistant.StatusCompleted, st.Status)
	require.Equal(t, 3, h.srv.Stats().Requests["POST "+threadAndRunRoute])
	require.Equal(t, 1, h.srv.Stats().RunsCreated)
}

// A create that never reached the connection (here the transport fails
// before writing) did nothing either: the retry sends it again.
func TestThreadAndRunUnsentIsSentAgain(t *testing.T) {
	srv, url := openaitest.NewTestServer(t, openaitest.Options{})
	var failed atomic.Int32
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if r.URL.Path == threadAndRunRoute && failed.Add(1) == 1 {
			return nil, errors.New("dial tcp: connection refused")
		}
		return http.DefaultTransport.RoundTrip(r)
	})}
	c := openai.NewClient(option.WithBaseURL(url), option.WithAPIKey("k"), option.WithMaxRetries(0), option.WithHTTPClient(hc))
	reg := tools.NewRegistry()
	acts := activities.New(assistantsapi.New(c), reg, activities.Options{PollInitial: 10 * time.Millisecond, PollMax: 50 * time.Millisecond})
	a, err := c.Beta.Assistants.New(context.Background(), openai.BetaAssistantNewParams{Model: "gpt-4o"})
	require.NoError(t, err)
	in := activities.StartRunInput{AssistantID: a.ID, Message: "hello", IdempotencyKey: "tar-unsent", ThreadAndRun: true, Follow: true}

	st, err := withRetries[assistant.RunState](t, acts, 3, acts.StartRun, in)

	require.NoError(t, err)
	require.Equal(t, assistant.StatusCompleted, st.Status)
	require.Equal(t, int32(2), failed.Load())
	require.Equal(t, 1, srv.Stats().RunsCreated)
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// A stream cut after its first event named the thread: the retry finds the
// run on it by key and follows it; one thread, one run.
func TestStreamThreadAndRunCutAfterTheThreadReattaches(t *testing.T) {
	h := newStreamHarness(t, openaitest.Options{})
	in := h.threadAndRun("a reply long enough to be cut in the middle", "tar-stream")
	app := h.faultyStart(in, openaitest.Fault{Method: "POST", Route: threadAndRunRoute, StreamCutAfter: 1})
	require.Equal(t, assistant.ErrorTypeStreamBroken, app.Type())
	prog := h.retry()
	require.Regexp(t, `^thread_`, prog.ThreadID, "thread.created was heartbeated")
	require.Empty(t, prog.APIRunID)

	st, err := h.stream(activities.StreamRunInput{Start: &in})

	require.NoError(t, err)
	require.Equal(t, assistant.StatusCompleted, st.Status)
	require.Equal(t, prog.ThreadID, st.ThreadID)
	stats := h.srv.Stats()
	require.Equal(t, 1, stats.ThreadsCreated)
	require.Equal(t, 1, stats.RunsCreated)
	require.Equal(t, 1, stats.UserMessagesCreated)
}

// A stream dropped before any event: nothing names the thread, and the
// retry does not send the request again.
func TestStreamThreadAndRunLostBeforeTheThreadIsNeverSentTwice(t *testing.T) {
	h := newStreamHarness(t, openaitest.Options{})
	in := h.threadAndRun("hello", "tar-stream-lost")
	h.srv.InjectFault(openaitest.Fault{Method: "POST", Route: threadAndRunRoute, AfterCommit: true, Drop: true})

	_, err := withRetries[assistant.RunState](t, h.acts, 5, h.acts.StreamRun, activities.StreamRunInput{Start: &in})

	require.Equal(t, assistant.ErrorTypeStartUnknown, appError(t, err).Type())
	require.Equal(t, 1, h.srv.Stats().Requests["POST "+threadAndRunRoute])
}

// A thread named by an earlier attempt whose run is not there (the API
// made the thread and its messages, then failed the run): the retry makes
// the run on it without sending the messages again.
func TestThreadAndRunNamedThreadWithoutRunCreatesTheRunOnly(t *testing.T) {
	h := newStreamHarness(t, openaitest.Options{})
	in := h.threadAndRun("hello", "tar-norun")
	th, err := h.client.Beta.Threads.New(context.Background(), openai.BetaThreadNewParams{
		Messages: []openai.BetaThreadNewParamsMessage{{Role: "user", Content: openai.BetaThreadNewParamsMessageContentUnion{OfString: openai.String("hello")}}}})
	require.NoError(t, err)
	h.env.SetHeartbeatDetails(assistant.FollowProgress{ThreadID: th.ID})

	st, err := h.followStart(in)

	require.NoError(t, err)
	require.Equal(t, th.ID, st.ThreadID)
	require.Equal(t, "Echo: hello", st.Reply.Text)
	require.Equal(t, 1, h.srv.Stats().UserMessagesCreated, "the message was not sent again")
	require.Zero(t, h.srv.Stats().Requests["POST "+threadAndRunRoute])
}

// The responses protocol has no such request: refused before any, saying
// why, in both modes.
func TestThreadAndRunRefusedOnResponses(t *testing.T) {
	h := newResponsesStreamHarness(t, openaitest.Options{})
	in := activities.StartRunInput{AssistantID: "default", Message: "hello", IdempotencyKey: "tar-r", ThreadAndRun: true}
	_, err := h.followStart(in)
	app := appError(t, err)
	require.Equal(t, assistant.ErrorTypeInvalidInput, app.Type())
	require.Contains(t, app.Error(), "Responses API has no request that creates a conversation and a response")
	_, err = h.stream(activities.StreamRunInput{Start: &in})
	require.Equal(t, assistant.ErrorTypeInvalidInput, appError(t, err).Type())
	require.Zero(t, h.srv.Stats().ConversationsCreated)
	require.Zero(t, h.srv.Stats().ResponsesCreated)
}
