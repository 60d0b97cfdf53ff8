package integration

import (
	"testing"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/responses"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// responsesWorker starts a worker speaking the responses protocol to the emulator.
func (e *env) responsesWorker(extra ...string) *proc {
	e.t.Helper()
	return e.startWorker(append([]string{"OPENAI_PROTOCOL=responses",
		`ASSISTANT_PROFILES={"brief":{"model":"gpt-4o","instructions":"Be brief."}}`}, extra...)...)
}

func TestResponsesRunWithParallelToolCalls(t *testing.T) {
	e := newEnv(t, openaitest.Options{})
	e.responsesWorker()
	res, err := e.client.Run(e.ctx(60*time.Second), assistant.RunRequest{AssistantID: "brief", Message: twoToolsMessage})
	requireTwoToolsAnswered(t, res, err)
	require.Regexp(t, `^conv_`, res.ThreadID)
	require.Regexp(t, `^resp_`, res.APIRunID)
	require.Positive(t, res.Usage.TotalTokens)

	st := e.emu.Stats()
	require.Equal(t, 1, st.ThreadsCreated)
	require.Equal(t, 1, st.RunsCreated)
	require.Equal(t, 1, st.UserMessagesCreated)
	require.Equal(t, 1, st.ToolOutputSubmissions)
	require.Equal(t, 2, st.ResponsesCreated)
	require.Equal(t, 2, st.FunctionCallOutputsSubmitted)
}

func TestResponsesSecondTurnOnConversation(t *testing.T) {
	e := newEnv(t, openaitest.Options{})
	e.responsesWorker()
	first, err := e.client.Run(e.ctx(60*time.Second), assistant.RunRequest{AssistantID: "default", Message: "hello"})
	require.NoError(t, err)
	require.Equal(t, "Echo: hello", first.Reply)
	second, err := e.client.Run(e.ctx(60*time.Second), assistant.RunRequest{
		AssistantID: "brief", ThreadID: first.ThreadID, Message: "again",
	})
	require.NoError(t, err)
	require.Equal(t, first.ThreadID, second.ThreadID)
	require.NotEqual(t, first.APIRunID, second.APIRunID)
	require.Equal(t, "Echo: again", second.Reply)
	require.Equal(t, 2, e.emu.Stats().RunsPerThread[first.ThreadID])
	require.Equal(t, 1, e.emu.Stats().ThreadsCreated)
}

func TestResponsesBadInputFailsFast(t *testing.T) {
	e := newEnv(t, openaitest.Options{})
	e.responsesWorker()
	cases := []struct {
		name, mention string
		req           assistant.RunRequest
	}{
		{"unknown profile", "nope", assistant.RunRequest{AssistantID: "nope", Message: "hi"}},
		{"unknown conversation", "conv_nope", assistant.RunRequest{AssistantID: "default", ThreadID: "conv_nope", Message: "hi"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			_, err := e.client.Run(e.ctx(30*time.Second), tc.req)
			require.Less(t, time.Since(start), 10*time.Second)
			var app *temporal.ApplicationError
			require.ErrorAs(t, err, &app)
			require.Equal(t, assistant.ErrorTypeNotFound, app.Type())
			require.Contains(t, app.Error(), tc.mention)
		})
	}
	require.Zero(t, e.emu.Stats().ResponsesCreated)
}

func TestResponsesCreateAssistantExplainsProfiles(t *testing.T) {
	e := newEnv(t, openaitest.Options{})
	e.responsesWorker()
	_, err := e.client.CreateAssistant(e.ctx(30*time.Second), "it", "gpt-4o", "Be brief.")
	require.ErrorContains(t, err, "no assistant objects")
}

// A start whose answer was lost is adopted from the conversation, and the
// run goes on with its own instructions and metadata after the profile's,
// not the profile's alone (the adopted handle carries IDs only; the
// workflow brings the settings to the submit).
func TestResponsesLostCreateIsAdopted(t *testing.T) {
	e := newEnv(t, openaitest.Options{})
	e.emu.InjectFault(openaitest.Fault{Method: "POST", Route: "/v1/responses", AfterCommit: true, Drop: true})
	created := e.responsesCreated()
	e.responsesWorker()
	ctx := e.ctx(60 * time.Second)
	res, err := e.client.Run(ctx, assistant.RunRequest{AssistantID: "brief", Message: twoToolsMessage,
		Instructions: "Answer in French.", Metadata: map[string]string{"team": "a"}})
	require.NoError(t, err)
	require.Equal(t, assistant.StatusCompleted, res.Status)
	require.Len(t, res.ToolCalls, 2)
	require.Contains(t, res.Reply, "calculate -> ")
	ids := created()
	require.Len(t, ids, 2)
	api := openai.NewClient(option.WithBaseURL(e.emuURL), option.WithAPIKey("test-key"), option.WithMaxRetries(0))
	next, err := api.Responses.Get(ctx, ids[1], responses.ResponseGetParams{})
	require.NoError(t, err)
	require.Equal(t, "Be brief.\n\nAnswer in French.", next.Instructions.OfString, "the run's own instructions after the profile's")
	require.Equal(t, "a", next.Metadata["team"])

	st := e.emu.Stats()
	require.Equal(t, 1, st.RunsCreated, "the lost create must be adopted, not repeated")
	require.Equal(t, 1, st.ToolOutputSubmissions)
	require.Equal(t, 2, st.ResponsesCreated)
	require.Equal(t, 1, st.UserMessagesCreated)
}

func TestResponsesLostSubmitIsAdopted(t *testing.T) {
	e := newEnv(t, openaitest.Options{})
	e.responsesWorker()
	// The first POST creates the turn; the second, carrying the outputs, loses its answer.
	e.emu.OnCommit(func(op, _ string) {
		if op == "response.create" {
			e.emu.OnCommit(nil)
			e.emu.InjectFault(openaitest.Fault{Method: "POST", Route: "/v1/responses", AfterCommit: true, Drop: true})
		}
	})
	res, err := e.client.Run(e.ctx(60*time.Second), assistant.RunRequest{AssistantID: "default", Message: twoToolsMessage})
	require.NoError(t, err)
	require.Equal(t, assistant.StatusCompleted, res.Status)
	require.Contains(t, res.Reply, "calculate -> ")
	st := e.emu.Stats()
	require.Equal(t, 1, st.RunsCreated)
	require.Equal(t, 1, st.ToolOutputSubmissions, "the lost submission must be adopted, not repeated")
}

// A turn whose text repeats the previous turn's ("yes", "continue") and whose
// create meets a 429 is created on the retry, not mistaken for the previous
// turn: every earlier attempt was refused before it created anything, which
// the heartbeat details prove, so the retry does not look for the turn among
// the conversation's items. In both modes.
func TestResponsesRepeatedTextAfter429IsANewTurn(t *testing.T) {
	for _, mode := range []assistant.Mode{assistant.ModePoll, assistant.ModeStream} {
		t.Run(string(mode), func(t *testing.T) {
			e := newEnv(t, openaitest.Options{})
			e.responsesWorker()
			ctx := e.ctx(60 * time.Second)
			first, err := e.client.Run(ctx, assistant.RunRequest{AssistantID: "brief", Message: "yes", Mode: mode})
			require.NoError(t, err)
			e.emu.InjectFault(openaitest.Fault{Method: "POST", Route: "/v1/responses", Status: 429, Count: 2})

			second, err := e.client.Run(ctx, assistant.RunRequest{AssistantID: "brief", ThreadID: first.ThreadID,
				Message: "yes", Mode: mode})
			require.NoError(t, err)
			require.Equal(t, assistant.StatusCompleted, second.Status)
			require.NotEqual(t, first.APIRunID, second.APIRunID)
			require.Regexp(t, `^resp_`, second.APIRunID, "a response of its own, not a turn adopted from the items")
			st := e.emu.Stats()
			require.Equal(t, 2, st.ResponsesCreated)
			require.Equal(t, 2, st.UserMessagesCreated)
		})
	}
}
