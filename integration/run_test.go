package integration

import (
	"context"
	"testing"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// twoToolsMessage makes the scripted model ask for two parallel tool calls.
const twoToolsMessage = "What time is it in Tokyo, and what is 17*23?\n" +
	`call: current_time {"timezone":"Asia/Tokyo"}` + "\n" +
	`call: calculate {"expression":"17*23"}`

func (e *env) createAssistant() string {
	e.t.Helper()
	id, err := e.client.CreateAssistant(e.ctx(30*time.Second), "it", "gpt-4o", "Be brief.")
	require.NoError(e.t, err)
	return id
}

// requireTwoToolsAnswered checks a run of twoToolsMessage: both tools called,
// in order, their outputs in the reply.
func requireTwoToolsAnswered(t *testing.T, res assistant.Result, err error) {
	t.Helper()
	require.NoError(t, err)
	require.Equal(t, assistant.StatusCompleted, res.Status)
	require.Len(t, res.ToolCalls, 2)
	require.Equal(t, "current_time", res.ToolCalls[0].Name)
	require.Contains(t, res.ToolCalls[0].Output, "Asia/Tokyo")
	require.Equal(t, "calculate", res.ToolCalls[1].Name)
	require.Contains(t, res.ToolCalls[1].Output, "391")
	require.Contains(t, res.Reply, "calculate -> ")
}

func TestRunWithParallelToolCalls(t *testing.T) {
	e := newEnv(t, openaitest.Options{})
	e.startWorker()
	asst := e.createAssistant()

	// The assistant offers exactly the worker's registered tools.
	api := openai.NewClient(option.WithBaseURL(e.emuURL), option.WithAPIKey("test-key"), option.WithMaxRetries(0))
	got, err := api.Beta.Assistants.Get(e.ctx(10*time.Second), asst)
	require.NoError(t, err)
	var names []string
	for _, tool := range got.Tools {
		names = append(names, tool.Function.Name)
	}
	require.ElementsMatch(t, []string{"calculate", "convert_units", "current_time"}, names)

	res, err := e.client.Run(e.ctx(60*time.Second), assistant.RunRequest{AssistantID: asst, Message: twoToolsMessage})
	requireTwoToolsAnswered(t, res, err)
	require.Contains(t, res.Reply, "391")
	require.NotEmpty(t, res.ThreadID)
	require.NotEmpty(t, res.APIRunID)
	require.Positive(t, res.Usage.TotalTokens)

	st := e.emu.Stats()
	require.Equal(t, 1, st.ThreadsCreated)
	require.Equal(t, 1, st.RunsCreated)
	require.Equal(t, 1, st.UserMessagesCreated)
	require.Equal(t, 1, st.ToolOutputSubmissions)
}

func TestRunOnExistingThreadKeepsConversation(t *testing.T) {
	e := newEnv(t, openaitest.Options{})
	e.startWorker()
	asst := e.createAssistant()
	first, err := e.client.Run(e.ctx(60*time.Second), assistant.RunRequest{AssistantID: asst, Message: "hello"})
	require.NoError(t, err)
	require.Equal(t, "Echo: hello", first.Reply)
	second, err := e.client.Run(e.ctx(60*time.Second), assistant.RunRequest{
		AssistantID: asst, ThreadID: first.ThreadID, Message: "again",
	})
	require.NoError(t, err)
	require.Equal(t, first.ThreadID, second.ThreadID)
	require.NotEqual(t, first.APIRunID, second.APIRunID)
	require.Equal(t, "Echo: again", second.Reply)
	require.Equal(t, 2, e.emu.Stats().RunsPerThread[first.ThreadID])
	require.Equal(t, 1, e.emu.Stats().ThreadsCreated)
}

func TestRunEndingFailedIsAResult(t *testing.T) {
	e := newEnv(t, openaitest.Options{})
	e.startWorker()
	asst := e.createAssistant()
	res, err := e.client.Run(e.ctx(60*time.Second), assistant.RunRequest{
		AssistantID: asst, Message: "fail: server_error the model fell over",
	})
	require.NoError(t, err)
	require.Equal(t, assistant.StatusFailed, res.Status)
	require.NotNil(t, res.Error)
	require.Equal(t, "server_error", res.Error.Code)
	require.Contains(t, res.Error.Message, "fell over")
}

func TestCancelWorkflowCancelsRunAtAPI(t *testing.T) {
	for _, p := range protocols {
		t.Run(p.name, func(t *testing.T) {
			e, _ := protocolEnv(t, p, openaitest.Options{})
			ctx := e.ctx(60 * time.Second)
			run, err := e.client.StartRun(ctx, assistant.RunRequest{AssistantID: p.assistant(e), Message: "think long\nsleep: 10m"})
			require.NoError(t, err)
			waitPhase(t, ctx, run.State, assistant.PhaseWaiting)

			require.NoError(t, run.Cancel(ctx))
			_, err = run.Result(ctx)
			var canceled *temporal.CanceledError
			require.ErrorAs(t, err, &canceled)
			require.Equal(t, 1, e.emu.Stats().RunsCancelled)
			if p.name == "responses" {
				require.Equal(t, 1, e.emu.Stats().ResponsesCancelled)
			}

			st, err := run.State(ctx)
			require.NoError(t, err)
			require.Equal(t, assistant.StatusCancelled, st.Status)
		})
	}
}

func TestBadInputFailsFast(t *testing.T) {
	e := newEnv(t, openaitest.Options{})
	e.startWorker()
	asst := e.createAssistant()
	cases := []struct {
		name    string
		req     assistant.RunRequest
		errType string
		mention string
	}{
		{"unknown assistant", assistant.RunRequest{AssistantID: "asst_nope", Message: "hi"}, assistant.ErrorTypeNotFound, "asst_nope"},
		{"unknown thread", assistant.RunRequest{AssistantID: asst, ThreadID: "thread_nope", Message: "hi"}, assistant.ErrorTypeNotFound, "thread_nope"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			_, err := e.client.Run(e.ctx(30*time.Second), tc.req)
			require.Error(t, err)
			require.Less(t, time.Since(start), 10*time.Second)
			var app *temporal.ApplicationError
			require.ErrorAs(t, err, &app)
			require.Equal(t, tc.errType, app.Type())
			require.Contains(t, app.Error(), tc.mention)
		})
	}
	// Empty message: refused before anything starts.
	_, err := e.client.StartRun(e.ctx(5*time.Second), assistant.RunRequest{AssistantID: asst, Message: "  "})
	require.ErrorContains(t, err, "message is empty")
	require.Equal(t, 0, e.emu.Stats().RunsCreated)
}

func TestRejectedAPIKeyFailsFast(t *testing.T) {
	e := newEnv(t, openaitest.Options{APIKey: "the-right-key"})
	e.startWorker("OPENAI_API_KEY=a-wrong-key")
	start := time.Now()
	_, err := e.client.Run(e.ctx(30*time.Second), assistant.RunRequest{AssistantID: "asst_x", Message: "hi"})
	require.Less(t, time.Since(start), 10*time.Second)
	var app *temporal.ApplicationError
	require.ErrorAs(t, err, &app)
	require.Equal(t, assistant.ErrorTypeUnauthorized, app.Type())
	require.NotContains(t, err.Error(), "a-wrong-key")
}

// waitPhase polls the state query until the workflow reaches phase.
func waitPhase(t *testing.T, ctx context.Context, state func(context.Context) (assistant.RunView, error), phase assistant.Phase) {
	t.Helper()
	require.Eventually(t, func() bool {
		st, err := state(ctx)
		return err == nil && st.Phase == phase
	}, 20*time.Second, 50*time.Millisecond, "workflow never reached phase %s", phase)
}
