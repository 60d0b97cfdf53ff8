package integration

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// TestAzureResponses: on Azure OpenAI, with a key and with Entra ID, a
// responses-protocol run with two tool calls that outlives several token
// lifetimes completes with one response per round, and a conversation
// answers its messages in order; no key or token reaches the log or history.
// (Foundry classic agents do not serve the Responses API: config refuses it.)
func TestAzureResponses(t *testing.T) {
	for _, p := range azureProviders {
		if p.mode != azureProviders[0].mode { // Azure OpenAI only
			continue
		}
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			// Azure OpenAI serves the Responses API at <endpoint>/openai/responses,
			// at an api-version that knows it (the worker's default for the
			// protocol; the emulator answers 404 at an older one, as Azure does).
			e, tokens := azureProtocolEnv(t, protocols[1].onAzure(p), openaitest.Options{})
			w := e.startTestWorker("LOG_LEVEL=debug")
			ctx := e.ctx(2 * time.Minute)
			start := time.Now()

			// "brief": a profile of protocols[1]'s ASSISTANT_PROFILES.
			run, err := e.client.StartRun(ctx, assistant.RunRequest{AssistantID: "brief",
				Message: twoToolsMessage + "\nsleep: 5s"})
			require.NoError(t, err)
			res, err := run.Result(ctx)
			requireTwoToolsAnswered(t, res, err)
			st := e.emu.Stats()
			require.Equal(t, 2, st.ResponsesCreated, "one response, then one with the tool outputs")
			require.Zero(t, st.Requests[protocols[0].createRoute], "no Assistants call")
			requireTokensRenewed(t, p, tokens, time.Since(start))

			cv := e.client.Conversations(assistant.ConversationSettings{AssistantID: "brief"})
			text := func(i int) string { return fmt.Sprintf("message %d", i) }
			replies := sendAll(t, ctx, cv, e.key(), 3, text)
			for i, r := range replies {
				require.Equal(t, "Echo: "+text(i), r.Reply)
			}
			require.NoError(t, cv.End(e.ctx(10*time.Second), e.key()))

			requireNoCredentialIn(t, "the worker's debug log", w.out.String(), p, tokens)
			requireNoCredentialIn(t, "the run's history", e.historyText(ctx, run.WorkflowID, run.WorkflowRunID), p, tokens)
		})
	}
}
