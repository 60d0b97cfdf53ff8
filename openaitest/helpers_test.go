package openaitest_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/openaitest"
)

// newClient returns the official client pointed at the emulator, with
// retries off so every fault is visible.
func newClient(url string, opts ...option.RequestOption) openai.Client {
	base := []option.RequestOption{option.WithBaseURL(url), option.WithAPIKey("k"), option.WithMaxRetries(0)}
	return openai.NewClient(append(base, opts...)...)
}

// start returns an emulator and a client for it.
func start(t *testing.T, opts openaitest.Options) (*openaitest.Server, openai.Client) {
	t.Helper()
	srv, url := openaitest.NewTestServer(t, opts)
	return srv, newClient(url)
}

// newAssistant creates an assistant with a function tool.
func newAssistant(t *testing.T, c openai.Client) *openai.Assistant {
	t.Helper()
	a, err := c.Beta.Assistants.New(context.Background(), openai.BetaAssistantNewParams{
		Model: openai.ChatModelGPT4o, Name: openai.String("helper"),
		Tools: []openai.AssistantToolUnionParam{{OfFunction: &openai.FunctionToolParam{
			Function: openai.FunctionDefinitionParam{Name: "get_weather"}}}},
	})
	require.NoError(t, err)
	return a
}

// userMsg is an additional user message with text.
func userMsg(text string) openai.BetaThreadRunNewParamsAdditionalMessage {
	return openai.BetaThreadRunNewParamsAdditionalMessage{Role: "user",
		Content: openai.BetaThreadRunNewParamsAdditionalMessageContentUnion{OfString: openai.String(text)}}
}

// startRun creates a thread and a run on it given text as the user message.
func startRun(t *testing.T, c openai.Client, asstID, text string) *openai.Run {
	t.Helper()
	ctx := context.Background()
	th, err := c.Beta.Threads.New(ctx, openai.BetaThreadNewParams{})
	require.NoError(t, err)
	run, err := c.Beta.Threads.Runs.New(ctx, th.ID, openai.BetaThreadRunNewParams{
		AssistantID: asstID, AdditionalMessages: []openai.BetaThreadRunNewParamsAdditionalMessage{userMsg(text)}})
	require.NoError(t, err)
	return run
}

// await polls the run until it leaves queued, in_progress and cancelling.
func await(t *testing.T, c openai.Client, run *openai.Run) *openai.Run {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		got, err := c.Beta.Threads.Runs.Get(context.Background(), run.ThreadID, run.ID)
		require.NoError(t, err)
		switch got.Status {
		case openai.RunStatusQueued, openai.RunStatusInProgress, openai.RunStatusCancelling:
		default:
			return got
		}
		require.True(t, time.Now().Before(deadline), "run %s still %s", run.ID, got.Status)
		time.Sleep(2 * time.Millisecond)
	}
}

// apiError asserts err is an *openai.Error with status and returns it.
func apiError(t *testing.T, err error, status int) *openai.Error {
	t.Helper()
	var apiErr *openai.Error
	require.ErrorAs(t, err, &apiErr)
	require.Equal(t, status, apiErr.StatusCode, apiErr.Message)
	return apiErr
}

// fakeClock is a settable clock for deterministic progression.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Unix(1_700_000_000, 0)} }

func (f *fakeClock) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

func (f *fakeClock) Advance(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = f.now.Add(d)
}
