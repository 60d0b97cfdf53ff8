package conformance_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/testsuite"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/activities/assistantsapi"
	"github.com/durable-assistants/durable-assistants/activities/responsesapi"
	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/conformance"
	"github.com/durable-assistants/durable-assistants/openaitest"
	"github.com/durable-assistants/durable-assistants/tools"
)

// worker runs the real activities of one protocol against a validated emulator.
type worker struct {
	t        *testing.T
	protocol string // "assistants" or "responses"
	chk      *conformance.Checker
	acts     *activities.Activities
	backend  activities.Backend
	env      *testsuite.TestActivityEnvironment
	srv      *openaitest.Server
	url      string // the validated emulator's base URL

	mu   sync.Mutex
	last *assistant.FollowProgress // StreamRun's latest heartbeat details
}

func newWorker(t *testing.T, protocol string) *worker {
	t.Helper()
	srv := openaitest.New(openaitest.Options{ModelLatency: 2 * time.Millisecond, APIKey: "k"})
	chk, url := conformance.NewServer(t, srv)
	client := openai.NewClient(option.WithBaseURL(url), option.WithAPIKey("k"), option.WithMaxRetries(0))
	reg := tools.NewRegistry()
	reg.MustRegister(tools.Examples()...)
	var backend activities.Backend = assistantsapi.New(client)
	if protocol == "responses" {
		var defs []assistant.ToolDefinition
		for _, d := range reg.Definitions() {
			defs = append(defs, assistant.ToolDefinition{Name: d.Name, Description: d.Description, Parameters: d.Parameters, Strict: d.Strict})
		}
		backend = responsesapi.New(client, map[string]assistant.Profile{"default": {Model: "gpt-4o", Instructions: "Be brief."}}, func() []assistant.ToolDefinition { return defs })
	}
	acts := activities.New(backend, reg, activities.Options{PollInitial: 5 * time.Millisecond, PollMax: 20 * time.Millisecond})
	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestActivityEnvironment()
	env.RegisterActivity(acts)
	w := &worker{t: t, protocol: protocol, chk: chk, acts: acts, backend: backend, env: env, srv: srv, url: url}
	env.SetOnActivityHeartbeatListener(func(_ *activity.Info, details converter.EncodedValues) {
		var p assistant.FollowProgress
		if details.HasValues() && details.Get(&p) == nil {
			w.mu.Lock()
			w.last = &p
			w.mu.Unlock()
		}
	})
	return w
}

// protocols are the two wire protocols the worker speaks.
var protocols = []string{"assistants", "responses"}

// eachProtocol runs test as a subtest per protocol, on a fresh worker, with
// an assistant (w.assistant) and a new thread.
func eachProtocol(t *testing.T, test func(t *testing.T, w *worker, asst, threadID string)) {
	for _, protocol := range protocols {
		t.Run(protocol, func(t *testing.T) {
			w := newWorker(t, protocol)
			asst := w.assistant()
			var th activities.CreateThreadResult
			w.must(&th, w.acts.CreateThread, activities.CreateThreadInput{})
			test(t, w, asst, th.ThreadID)
		})
	}
}

// assistant creates an assistant with the worker's tools (assistants) or
// names the profile (responses).
func (w *worker) assistant() string {
	w.t.Helper()
	asst := "default"
	if w.protocol == "assistants" {
		w.must(&asst, w.acts.CreateAssistant, assistant.CreateAssistantInput{Name: "conformance", Model: "gpt-4o", Instructions: "Be brief."})
	}
	return asst
}

// retryFromHeartbeat plays the next attempt of a StreamRun: it hands the
// last heartbeat details over, as Temporal would.
func (w *worker) retryFromHeartbeat() {
	w.mu.Lock()
	defer w.mu.Unlock()
	require.NotNil(w.t, w.last, "the attempt heartbeated")
	w.env.SetHeartbeatDetails(*w.last)
}

// exec runs one activity and decodes its result into out (when non-nil).
func (w *worker) exec(out any, fn any, in any) error {
	w.t.Helper()
	val, err := w.env.ExecuteActivity(fn, in)
	if err == nil && out != nil {
		require.NoError(w.t, val.Get(out))
	}
	return err
}

// call runs one activity and returns its result.
func call[R any](w *worker, fn any, in any) (R, error) {
	var res R
	err := w.exec(&res, fn, in)
	return res, err
}

// op runs one ManageAssistants operation.
func (w *worker) op(in assistant.AssistantsInput) (assistant.AssistantsResult, error) {
	return call[assistant.AssistantsResult](w, w.acts.ManageAssistants, in)
}

// thread runs one ManageThreads operation.
func (w *worker) thread(in assistant.ThreadsInput) (assistant.ThreadsResult, error) {
	return call[assistant.ThreadsResult](w, w.acts.ManageThreads, in)
}

// toolOutputs calls every tool the run waits for and returns their submit.
func (w *worker) toolOutputs(st assistant.RunState) activities.SubmitToolOutputsInput {
	w.t.Helper()
	in := activities.SubmitToolOutputsInput{ThreadID: st.ThreadID, APIRunID: st.APIRunID}
	for _, c := range st.ToolCalls {
		var out assistant.ToolOutput
		w.must(&out, w.acts.CallTool, activities.CallToolInput{ThreadID: st.ThreadID, APIRunID: st.APIRunID, Call: c})
		in.Outputs = append(in.Outputs, out)
	}
	return in
}

// must runs one activity and requires success.
func (w *worker) must(out any, fn any, in any) {
	w.t.Helper()
	require.NoError(w.t, w.exec(out, fn, in))
}

// TestWorkerRequestsConform runs the real activities of both protocols through
// a tool round, a cancel and refusals; every request they send and every
// answer they get is validated.
func TestWorkerRequestsConform(t *testing.T) {
	recorded := map[string]bool{}
	eachProtocol(t, func(t *testing.T, w *worker, asst, threadID string) {
		protocol := w.protocol
		defer func() {
			for op := range w.chk.Seen() {
				recorded[protocol+" "+op] = true
			}
		}()
		if protocol == "assistants" { // assistants as code: every operation
			for _, in := range []assistant.AssistantsInput{
				{Op: assistant.OpApply, Spec: assistant.AssistantSpec{Name: "conformance", Model: "gpt-4o", Instructions: "Be brief."}},
				{Op: assistant.OpGet, ID: asst}, {Op: assistant.OpList, Limit: 1},
				{Op: assistant.OpUpdate, ID: asst, Spec: assistant.AssistantSpec{Instructions: "Be brief.", Tools: true}},
			} {
				_, err := w.op(in)
				require.NoError(t, err)
			}
		}

		// One round of two parallel tool calls.
		var st assistant.RunState
		w.must(&st, w.acts.StartRun, activities.StartRunInput{ThreadID: threadID, AssistantID: asst,
			Message:  "call: current_time {\"timezone\":\"UTC\"}\ncall: calculate {\"expression\":\"17 * 23\"}",
			Metadata: map[string]string{"team": "a"}, IdempotencyKey: "wf/1"})
		w.must(&st, w.acts.AwaitRun, activities.AwaitRunInput{ThreadID: st.ThreadID, APIRunID: st.APIRunID, PollAfterMs: st.PollAfterMs})
		require.Equal(t, assistant.StatusRequiresAction, st.Status)
		require.Len(t, st.ToolCalls, 2)
		w.must(&st, w.acts.SubmitToolOutputs, w.toolOutputs(st))
		w.must(&st, w.acts.AwaitRun, activities.AwaitRunInput{ThreadID: st.ThreadID, APIRunID: st.APIRunID, PollAfterMs: st.PollAfterMs})
		require.Equal(t, assistant.StatusCompleted, st.Status)
		require.Contains(t, st.Reply.Text, "Tool results: ")
		// The run's steps (RunRequest.IncludeSteps): one list request on
		// the assistants protocol, none on responses (the states of a run
		// that asks carry them).
		var steps []assistant.RunStep
		w.must(&steps, w.acts.ListRunSteps, activities.ListRunStepsInput{ThreadID: st.ThreadID, APIRunID: st.APIRunID})
		if protocol == "assistants" {
			require.Len(t, steps, 2)
		}

		// A plain reply, then a run cancelled while the model works.
		w.must(&st, w.acts.StartRun, activities.StartRunInput{ThreadID: threadID, AssistantID: asst, Message: "hello", IdempotencyKey: "wf/2"})
		w.must(&st, w.acts.AwaitRun, activities.AwaitRunInput{ThreadID: st.ThreadID, APIRunID: st.APIRunID})
		require.Equal(t, "Echo: hello", st.Reply.Text)
		w.must(&st, w.acts.StartRun, activities.StartRunInput{ThreadID: threadID, AssistantID: asst, Message: "sleep: 1s\nslow", IdempotencyKey: "wf/3"})
		w.must(&st, w.acts.CancelRun, activities.CancelRunInput{ThreadID: st.ThreadID, APIRunID: st.APIRunID})
		require.Equal(t, assistant.StatusCancelled, st.Status)

		// A failed run, and refusals the API answers with errors.
		w.must(&st, w.acts.StartRun, activities.StartRunInput{ThreadID: threadID, AssistantID: asst, Message: "fail: server_error boom", IdempotencyKey: "wf/4"})
		w.must(&st, w.acts.AwaitRun, activities.AwaitRunInput{ThreadID: st.ThreadID, APIRunID: st.APIRunID})
		require.Equal(t, assistant.StatusFailed, st.Status)
		require.Error(t, w.exec(nil, w.acts.StartRun, activities.StartRunInput{ThreadID: "thread_missing", AssistantID: asst, Message: "x", IdempotencyKey: "wf/5"}))
		require.Error(t, w.exec(nil, w.acts.AwaitRun, activities.AwaitRunInput{ThreadID: threadID, APIRunID: "run_missing"}))
		if protocol == "assistants" { // what a retried StartRun does first
			_, found, err := w.backend.FindRun(context.Background(), threadID, "wf/1")
			require.NoError(t, err)
			require.True(t, found)
		}
		// Thread operations (the Threads workflow).
		threadOps := []assistant.ThreadsOp{assistant.OpThreadGet, assistant.OpThreadUpdate, assistant.OpThreadMessages}
		if protocol == "assistants" {
			threadOps = append(threadOps, assistant.OpThreadRuns)
		}
		for _, op := range threadOps {
			_, err := w.thread(assistant.ThreadsInput{Op: op, ThreadID: threadID, Metadata: map[string]string{"k": "v"}})
			require.NoError(t, err)
		}
		w.filesRound(t, protocol, asst, threadID) // files_ops_test.go
		// The single-object operations, and a create-thread-and-run.
		w.singleObjectOps(protocol, asst)
		if protocol == "assistants" {
			var st assistant.RunState
			w.must(&st, w.acts.StartRun, activities.StartRunInput{AssistantID: asst, Message: "hello", ThreadAndRun: true,
				Follow: true, IdempotencyKey: "wf/6"})
			require.Equal(t, assistant.StatusCompleted, st.Status)
		}
		// An idle conversation that asked for it deletes its thread.
		w.must(nil, w.acts.DeleteThread, activities.DeleteThreadInput{ThreadID: threadID})
		if protocol == "assistants" {
			_, err := w.op(assistant.AssistantsInput{Op: assistant.OpDelete, ID: asst})
			require.NoError(t, err)
		}

		require.Empty(t, w.chk.Violations())
		t.Logf("%s operations: %v", protocol, w.chk.Seen())
	})
	listed := map[string]bool{}
	for _, o := range conformance.WorkerOperations {
		listed[o.Protocol+" "+o.Op] = true
		require.True(t, o.RetryOnly || recorded[o.Protocol+" "+o.Op], "conformance.WorkerOperations lists %s %s, which the worker never sent", o.Protocol, o.Op)
	}
	for op := range recorded {
		require.True(t, listed[op], "the worker sent %s; add it to conformance.WorkerOperations", op)
	}
}
