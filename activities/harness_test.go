package activities_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/activities/assistantsapi"
	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/openaitest"
	"github.com/durable-assistants/durable-assistants/tools"
)

// harnessConfig tunes one test's emulator, client and registry.
type harnessConfig struct {
	Server openaitest.Options
	// ClientKey is the key the activities' client sends (default: the server's key, or "k").
	ClientKey string
	// Tools are registered next to tools.Examples().
	Tools []tools.Tool
}

// harness runs the real activities against an in-process emulator inside a
// Temporal TestActivityEnvironment.
type harness struct {
	t      *testing.T
	srv    *openaitest.Server
	client openai.Client // setup/read-back client, always with the right key
	reg    *tools.Registry
	acts   *activities.Activities
	env    *testsuite.TestActivityEnvironment
}

func newHarness(t *testing.T, cfg harnessConfig) *harness {
	t.Helper()
	srv, url := openaitest.NewTestServer(t, cfg.Server)
	serverKey := cfg.Server.APIKey
	if serverKey == "" {
		serverKey = "k"
	}
	clientKey := cfg.ClientKey
	if clientKey == "" {
		clientKey = serverKey
	}
	newClient := func(key string) openai.Client {
		return openai.NewClient(option.WithBaseURL(url), option.WithAPIKey(key), option.WithMaxRetries(0))
	}
	reg := tools.NewRegistry()
	reg.MustRegister(tools.Examples()...)
	reg.MustRegister(cfg.Tools...)
	acts := activities.New(assistantsapi.New(newClient(clientKey)), reg, activities.Options{
		PollInitial: 10 * time.Millisecond,
		PollMax:     50 * time.Millisecond,
	})
	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestActivityEnvironment()
	env.RegisterActivity(acts)
	return &harness{t: t, srv: srv, client: newClient(serverKey), reg: reg, acts: acts, env: env}
}

// exec runs one activity and decodes its result into out (when non-nil).
func (h *harness) exec(out any, fn any, in any) error {
	h.t.Helper()
	val, err := h.env.ExecuteActivity(fn, in)
	if err != nil {
		return err
	}
	if out != nil {
		require.NoError(h.t, val.Get(out))
	}
	return nil
}

// assistant creates an assistant directly through the API (not the activity).
func (h *harness) assistant() string {
	h.t.Helper()
	a, err := h.client.Beta.Assistants.New(context.Background(), openai.BetaAssistantNewParams{Model: "gpt-4o"})
	require.NoError(h.t, err)
	return a.ID
}

// thread creates a thread through the CreateThread activity.
func (h *harness) thread() string {
	h.t.Helper()
	var res activities.CreateThreadResult
	require.NoError(h.t, h.exec(&res, h.acts.CreateThread, activities.CreateThreadInput{}))
	require.NotEmpty(h.t, res.ThreadID)
	return res.ThreadID
}

// startInput is a StartRunInput on a fresh thread of a fresh assistant.
func (h *harness) startInput(message, key string) activities.StartRunInput {
	h.t.Helper()
	return activities.StartRunInput{
		ThreadID: h.thread(), AssistantID: h.assistant(), Message: message, IdempotencyKey: key,
	}
}

// start runs StartRun and requires success.
func (h *harness) start(in activities.StartRunInput) assistant.RunState {
	h.t.Helper()
	var st assistant.RunState
	require.NoError(h.t, h.exec(&st, h.acts.StartRun, in))
	require.NotEmpty(h.t, st.APIRunID)
	return st
}

// await runs AwaitRun and requires success.
func (h *harness) await(st assistant.RunState) assistant.RunState {
	h.t.Helper()
	var out assistant.RunState
	require.NoError(h.t, h.exec(&out, h.acts.AwaitRun, activities.AwaitRunInput{
		ThreadID: st.ThreadID, APIRunID: st.APIRunID, PollAfterMs: st.PollAfterMs,
	}))
	return out
}

// appError requires err to be a Temporal application error and returns it.
func appError(t *testing.T, err error) *temporal.ApplicationError {
	t.Helper()
	require.Error(t, err)
	var app *temporal.ApplicationError
	require.True(t, errors.As(err, &app), "want *temporal.ApplicationError, got %T: %v", err, err)
	return app
}
