package integration

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/openai/openai-go/v3"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/internal/config"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// azureProvider is one Azure service and credential the worker process is
// pointed at; the emulator plays that service (openaitest.AzureOptions) and
// refuses any other path, api-version or credential.
type azureProvider struct {
	name string
	mode openaitest.AzureMode
	key  string // AZURE_OPENAI_API_KEY; "": Microsoft Entra ID
}

var azureProviders = []azureProvider{
	{"azure-openai-key", openaitest.AzureOpenAI, "az-key"},
	{"azure-openai-entra", openaitest.AzureOpenAI, ""},
	{"foundry-entra", openaitest.AzureFoundry, ""},
}

// azureTokenTTL is short so tokens expire during the runs.
const azureTokenTTL = 4 * time.Second

// azureEnv is a test env whose emulator plays p, with the worker on the
// assistants protocol.
func azureEnv(t *testing.T, p azureProvider) (*env, *openaitest.Tokens) {
	return azureProtocolEnv(t, protocols[0].onAzure(p), openaitest.Options{})
}

// azureProtocolEnv is a test env whose emulator (opts, in Azure mode) plays
// proto.azure, with the worker on proto's protocol. Entra ID is the worker's
// real azidentity default chain, narrowed to the managed identity credential
// and pointed at the emulator's token issuer as App Service's identity
// endpoint.
func azureProtocolEnv(t *testing.T, proto protocol, opts openaitest.Options) (*env, *openaitest.Tokens) {
	t.Helper()
	p := *proto.azure
	tokens := openaitest.NewTokens(azureTokenTTL)
	opts.Azure = &openaitest.AzureOptions{Mode: p.mode, APIKey: p.key, Tokens: tokens}
	e := newEnv(t, opts)
	mi := httptest.NewServer(tokens.ManagedIdentityHandler("mi-secret"))
	t.Cleanup(mi.Close)
	vars := []string{"OPENAI_BASE_URL=", "OPENAI_API_KEY=",
		"AZURE_TOKEN_CREDENTIALS=ManagedIdentityCredential", "IDENTITY_ENDPOINT=" + mi.URL, "IDENTITY_HEADER=mi-secret"}
	switch {
	case p.mode == openaitest.AzureFoundry:
		vars = append(vars, "AZURE_AI_PROJECT_ENDPOINT="+e.emuURL)
	case p.key != "":
		vars = append(vars, "AZURE_OPENAI_ENDPOINT="+e.emuURL, "AZURE_OPENAI_API_KEY="+p.key)
	default:
		vars = append(vars, "AZURE_OPENAI_ENDPOINT="+e.emuURL)
	}
	e.proto = proto // routes and commit points as counted by the emulator
	e.proto.workerEnv = append(vars, proto.workerEnv...)
	return e, tokens
}

// issuerCredential signs the test's own API client in at the emulator's issuer.
type issuerCredential struct{ tokens *openaitest.Tokens }

func (c issuerCredential) GetToken(_ context.Context, o policy.TokenRequestOptions) (azcore.AccessToken, error) {
	tok, exp := c.tokens.Issue(o.Scopes[0])
	return azcore.AccessToken{Token: tok, ExpiresOn: exp}, nil
}

// azureAPI is a client of e's emulator in p's mode, built as the worker builds its own.
func azureAPI(t *testing.T, e *env, p azureProvider, tokens *openaitest.Tokens) openai.Client {
	t.Helper()
	m := config.Model{AzureEndpoint: e.emuURL, AzureAPIKey: p.key, AzureAPIVersion: "2024-05-01-preview",
		RequestTimeout: 10 * time.Second, Credential: issuerCredential{tokens}}
	if p.mode == openaitest.AzureFoundry {
		m = config.Model{FoundryEndpoint: e.emuURL, FoundryAPIVersion: "2025-05-01",
			RequestTimeout: 10 * time.Second, Credential: issuerCredential{tokens}}
	}
	c, err := m.NewClient(context.Background())
	require.NoError(t, err)
	return c
}

// eachAzureProvider runs fn once per provider, in parallel.
func eachAzureProvider(t *testing.T, fn func(t *testing.T, p azureProvider)) {
	for _, p := range azureProviders {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			fn(t, p)
		})
	}
}

// requireTokensRenewed checks the Entra ID side of a run that outlived
// several token lifetimes: fresh tokens kept coming and none was refused.
func requireTokensRenewed(t *testing.T, p azureProvider, tokens *openaitest.Tokens, runFor time.Duration) {
	t.Helper()
	st := tokens.Stats()
	t.Logf("%s: a run of %v; Entra ID tokens %+v", p.name, runFor.Round(time.Millisecond), st)
	if p.key != "" {
		require.Zero(t, st.Issued, "no Entra ID sign-in with a key")
		return
	}
	require.Zero(t, st.Refused, "no request carried an expired or wrong token")
	require.GreaterOrEqual(t, st.Accepted, int(runFor/azureTokenTTL), "tokens renewed as they expired: %+v", st)
}

// TestAzureRunWithTools: a run with two tool calls, which outlives several
// token lifetimes, completes once in each Azure mode.
func TestAzureRunWithTools(t *testing.T) {
	eachAzureProvider(t, func(t *testing.T, p azureProvider) {
		e, tokens := azureEnv(t, p)
		w := e.startTestWorker("LOG_LEVEL=debug")
		asst := e.createAssistant()
		start := time.Now()
		ctx := e.ctx(90 * time.Second)

		run, err := e.client.StartRun(ctx, assistant.RunRequest{AssistantID: asst, Message: twoToolsMessage + "\nsleep: 5s"})
		require.NoError(t, err)
		res, err := run.Result(ctx)

		requireTwoToolsAnswered(t, res, err)
		st := e.emu.Stats()
		require.Equal(t, 1, st.RunsCreated)
		require.Equal(t, 1, st.ToolOutputSubmissions)
		requireTokensRenewed(t, p, tokens, time.Since(start))
		requireNoCredentialIn(t, "the worker's debug log", w.out.String(), p, tokens)
		requireNoCredentialIn(t, "the run's history", e.historyText(ctx, run.WorkflowID, run.WorkflowRunID), p, tokens)
	})
}

// historyText is a workflow's full history as text (payloads included).
func (e *env) historyText(ctx context.Context, workflowID, runID string) string {
	e.t.Helper()
	var b strings.Builder
	it := e.tc.GetWorkflowHistory(ctx, workflowID, runID, false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	for it.HasNext() {
		ev, err := it.Next()
		require.NoError(e.t, err)
		b.WriteString(ev.String())
	}
	require.Contains(e.t, b.String(), "Tokyo", "payloads are in the text")
	return b.String()
}

// requireNoCredentialIn checks that neither the key nor any token issued
// appears in text.
func requireNoCredentialIn(t *testing.T, where, text string, p azureProvider, tokens *openaitest.Tokens) {
	t.Helper()
	if p.key != "" {
		require.NotContains(t, text, p.key, "the api-key in %s", where)
	}
	for _, tok := range tokens.Values() {
		require.NotContains(t, text, tok, "an Entra ID token in %s", where)
	}
}

// TestAzureConversation: a conversation answers its messages in order on one
// thread in each Azure mode.
func TestAzureConversation(t *testing.T) {
	eachAzureProvider(t, func(t *testing.T, p azureProvider) {
		e, tokens := azureEnv(t, p)
		e.startTestWorker()
		cv := e.client.Conversations(assistant.ConversationSettings{AssistantID: e.createAssistant()})
		text := func(i int) string { return fmt.Sprintf("message %d", i) }

		replies := sendAll(t, e.ctx(2*time.Minute), cv, e.key(), 5, text)

		for i, r := range replies {
			require.Equal(t, "Echo: "+text(i), r.Reply)
		}
		// On the thread, messages and replies alternate: one turn at a time.
		api := azureAPI(t, e, p, tokens)
		pages := api.Beta.Threads.Messages.ListAutoPaging(e.ctx(30*time.Second), replies[0].ThreadID,
			openai.BetaThreadMessageListParams{Order: openai.BetaThreadMessageListParamsOrderAsc, Limit: openai.Int(100)})
		var got []string
		for pages.Next() {
			got = append(got, pages.Current().Content[0].Text.Value)
		}
		require.NoError(t, pages.Err())
		require.Len(t, got, 10)
		for i := 0; i < len(got); i += 2 {
			require.Equal(t, "Echo: "+got[i], got[i+1])
		}
		st := e.emu.Stats()
		require.Equal(t, 5, st.RunsCreated)
		require.Equal(t, 1, st.ThreadsCreated)
		require.NoError(t, cv.End(e.ctx(10*time.Second), e.key()))
	})
}

// TestAzureWorkerThatCannotSignInExits: a worker whose identity is refused
// stops at start, saying why and how to sign in, without the secret.
func TestAzureWorkerThatCannotSignInExits(t *testing.T) {
	e, _ := azureEnv(t, azureProviders[2]) // Foundry: Entra ID only
	w := e.startTestWorker("IDENTITY_HEADER=not-the-secret")

	select {
	case <-w.exited:
	case <-time.After(60 * time.Second):
		t.Fatal("the worker kept running without a token")
	}

	out := w.out.String()
	require.NotZero(t, w.cmd.ProcessState.ExitCode())
	require.Contains(t, out, "sign-in with Microsoft Entra ID for https://ai.azure.com/.default failed")
	require.Contains(t, out, "managed identity")
	require.NotContains(t, out, "not-the-secret")
}
