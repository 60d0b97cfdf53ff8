package conformance_test

import (
	"context"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/testsuite"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/activities/assistantsapi"
	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/conformance"
	"github.com/durable-assistants/durable-assistants/internal/config"
	"github.com/durable-assistants/durable-assistants/openaitest"
	"github.com/durable-assistants/durable-assistants/tools"
)

// issuerCredential signs in at the emulator's token issuer: tokens expire
// after ttl and ask to be refreshed halfway (RefreshOn, as Entra ID's do).
type issuerCredential struct {
	tokens *openaitest.Tokens
	ttl    time.Duration

	mu    sync.Mutex
	calls int
}

func (c *issuerCredential) GetToken(_ context.Context, o policy.TokenRequestOptions) (azcore.AccessToken, error) {
	c.mu.Lock()
	c.calls++
	c.mu.Unlock()
	tok, exp := c.tokens.Issue(o.Scopes[0])
	return azcore.AccessToken{Token: tok, ExpiresOn: exp, RefreshOn: exp.Add(-c.ttl / 2)}, nil
}

// azureWorker runs the real activities against an Azure-mode emulator behind
// the Azure checker, through the client config builds for the provider.
func azureWorker(t *testing.T, mode openaitest.AzureMode, key string, cred *issuerCredential) (*worker, *conformance.AzureChecker) {
	t.Helper()
	azure := &openaitest.AzureOptions{Mode: mode, APIKey: key, Tokens: cred.tokens}
	srv := openaitest.New(openaitest.Options{ModelLatency: 2 * time.Millisecond, Azure: azure})
	check := conformance.AzureCheck{Foundry: mode == openaitest.AzureFoundry, Project: "proj", APIVersion: "2024-05-01-preview"}
	m := config.Model{AzureEndpoint: "set below", AzureAPIKey: key, AzureAPIVersion: check.APIVersion,
		RequestTimeout: 5 * time.Second, Credential: cred}
	if check.Foundry {
		check.APIVersion = "2025-05-01"
		m = config.Model{FoundryEndpoint: "set below", FoundryAPIVersion: check.APIVersion, RequestTimeout: 5 * time.Second, Credential: cred}
	}
	chk := conformance.ValidateAzure(t, srv, check)
	ts := httptest.NewServer(chk)
	t.Cleanup(ts.Close)
	if check.Foundry {
		m.FoundryEndpoint = ts.URL + "/api/projects/proj"
	} else {
		m.AzureEndpoint = ts.URL
	}
	require.NoError(t, m.Validate())
	client, err := m.NewClient(context.Background())
	require.NoError(t, err)
	reg := tools.NewRegistry()
	reg.MustRegister(tools.Examples()...)
	backend := assistantsapi.New(client)
	acts := activities.New(backend, reg, activities.Options{PollInitial: 5 * time.Millisecond, PollMax: 20 * time.Millisecond})
	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestActivityEnvironment()
	env.RegisterActivity(acts)
	return &worker{t: t, acts: acts, backend: backend, env: env, srv: srv}, chk
}

// TestAzureWorkerRequestsConform runs a tool round, a streamed run and a
// cancel through the worker's activities in each Azure mode and credential;
// every request must match seeds/002 (path, method, query, required body
// properties), carry the mode's api-version and the mode's credential only.
// Tokens live 600 ms and ask for a refresh at 300 ms, so they expire several
// times during the runs: the emulator refuses an expired token, and the
// worker must reuse a fresh token rather than sign in on every request.
func TestAzureWorkerRequestsConform(t *testing.T) {
	tests := []struct {
		name string
		mode openaitest.AzureMode
		key  string
	}{
		{"azure openai api-key", openaitest.AzureOpenAI, "az-key"},
		{"azure openai entra id", openaitest.AzureOpenAI, ""},
		{"foundry entra id", openaitest.AzureFoundry, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			const ttl = 600 * time.Millisecond
			cred := &issuerCredential{tokens: openaitest.NewTokens(ttl), ttl: ttl}
			w, chk := azureWorker(t, tc.mode, tc.key, cred)
			start := time.Now()

			var asst string
			w.must(&asst, w.acts.CreateAssistant, assistant.CreateAssistantInput{Name: "azure", Model: "gpt-4o", Instructions: "Be brief."})
			var th activities.CreateThreadResult
			w.must(&th, w.acts.CreateThread, activities.CreateThreadInput{})
			var st assistant.RunState
			w.must(&st, w.acts.StartRun, activities.StartRunInput{ThreadID: th.ThreadID, AssistantID: asst, IdempotencyKey: "wf/1",
				Message: "sleep: 700ms\ncall: current_time {\"timezone\":\"UTC\"}\ncall: calculate {\"expression\":\"17 * 23\"}"})
			w.must(&st, w.acts.AwaitRun, activities.AwaitRunInput{ThreadID: st.ThreadID, APIRunID: st.APIRunID, PollAfterMs: st.PollAfterMs})
			require.Equal(t, assistant.StatusRequiresAction, st.Status)
			w.must(&st, w.acts.SubmitToolOutputs, w.toolOutputs(st))
			w.must(&st, w.acts.AwaitRun, activities.AwaitRunInput{ThreadID: st.ThreadID, APIRunID: st.APIRunID, PollAfterMs: st.PollAfterMs})
			require.Equal(t, assistant.StatusCompleted, st.Status)
			require.Contains(t, st.Reply.Text, "Tool results: ")

			w.must(&st, w.acts.StreamRun, activities.StreamRunInput{Start: &activities.StartRunInput{ThreadID: th.ThreadID,
				AssistantID: asst, Message: "sleep: 300ms\nhello", IdempotencyKey: "wf/2"}})
			require.Equal(t, assistant.StatusCompleted, st.Status)
			require.Equal(t, "Echo: hello", st.Reply.Text)
			w.must(&st, w.acts.StartRun, activities.StartRunInput{ThreadID: th.ThreadID, AssistantID: asst, Message: "sleep: 1s\nslow", IdempotencyKey: "wf/3"})
			w.must(&st, w.acts.CancelRun, activities.CancelRunInput{ThreadID: st.ThreadID, APIRunID: st.APIRunID})
			require.Equal(t, assistant.StatusCancelled, st.Status)
			_, found, err := w.backend.FindRun(context.Background(), th.ThreadID, "wf/1")
			require.NoError(t, err)
			require.True(t, found)
			w.must(nil, w.acts.DeleteThread, activities.DeleteThreadInput(th))

			require.Empty(t, chk.Violations())
			requests := 0
			for _, n := range chk.Seen() {
				requests += n
			}
			elapsed := time.Since(start)
			ts := cred.tokens.Stats()
			t.Logf("%v: %d requests, tokens %+v, sign-ins %d; operations %v", elapsed.Round(time.Millisecond), requests, ts, cred.calls, chk.Seen())
			require.Zero(t, ts.Refused, "no request carried an expired or wrong token")
			if tc.key == "" {
				require.GreaterOrEqual(t, ts.Accepted, int(elapsed/ttl), "tokens were renewed as they expired")
				require.Less(t, cred.calls, requests/2, "a fresh token is reused, not fetched per request")
			} else {
				require.Zero(t, cred.calls, "no Entra ID sign-in with a key")
			}
		})
	}
}
