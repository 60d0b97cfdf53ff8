package workflows

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// Fixtures shared by the Run tests.
const (
	testWorkflowID = "run-wf-1"
	testThreadID   = "thread_1"
	testRunID      = "run_1"
)

// testStart is the workflow clock's start: whole seconds, so expires_at
// (Unix seconds) arithmetic in the tests is exact.
var testStart = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

// errUnexpected marks an activity call no test expectation matched.
const errUnexpected = "UnexpectedActivityCall"

// harness wraps a test workflow environment and records every activity
// attempt the workflow starts (info and raw input), in order, and the
// sequence of starts and ends.
type harness struct {
	t   *testing.T
	env *testsuite.TestWorkflowEnvironment

	mu      sync.Mutex
	started []activity.Info
	args    []converter.EncodedValues
	events  []string          // "start <type>" / "end <type>"
	local   map[string]string // local activity ID -> type (their end names no type)
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	var s testsuite.WorkflowTestSuite
	s.SetLogger(log.NewStructuredLogger(slog.New(slog.DiscardHandler)))
	env := s.NewTestWorkflowEnvironment()
	env.SetStartTime(testStart)
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: testWorkflowID})
	env.RegisterWorkflow(Run)
	env.RegisterWorkflow(CreateAssistant)
	h := &harness{t: t, env: env, local: map[string]string{}}
	env.SetOnActivityStartedListener(func(info *activity.Info, _ context.Context, args converter.EncodedValues) {
		h.mu.Lock()
		defer h.mu.Unlock()
		h.started = append(h.started, *info)
		h.args = append(h.args, args)
		h.events = append(h.events, "start "+info.ActivityType.Name)
	})
	env.SetOnActivityCompletedListener(func(info *activity.Info, _ converter.EncodedValue, _ error) {
		h.mu.Lock()
		defer h.mu.Unlock()
		h.events = append(h.events, "end "+info.ActivityType.Name)
	})
	// Local activities are recorded alike: tests follow the calls, not how
	// they were scheduled.
	env.SetOnLocalActivityStartedListener(func(info *activity.Info, _ context.Context, args []any) {
		h.mu.Lock()
		defer h.mu.Unlock()
		h.started = append(h.started, *info)
		h.args = append(h.args, localArgs(args))
		h.events = append(h.events, "start "+info.ActivityType.Name)
		h.local[info.ActivityID] = info.ActivityType.Name
	})
	env.SetOnLocalActivityCompletedListener(func(info *activity.Info, _ converter.EncodedValue, _ error) {
		h.mu.Lock()
		defer h.mu.Unlock()
		h.events = append(h.events, "end "+h.local[info.ActivityID])
	})
	return h
}

// localArgs are a local activity's arguments, decoded like a remote one's.
type localArgs []any

func (l localArgs) HasValues() bool { return len(l) > 0 }

func (l localArgs) Get(ptrs ...any) error {
	p, err := converter.GetDefaultDataConverter().ToPayloads(l...)
	if err != nil {
		return err
	}
	return converter.GetDefaultDataConverter().FromPayloads(p, ptrs...)
}

// fallbacks makes any activity call that no expectation of the test matches
// fail non-retryably (instead of a panic retried until the budget is spent).
// testify picks the first matching expectation, so these go last.
func (h *harness) fallbacks() {
	unexpected := func(name string) error {
		return temporal.NewNonRetryableApplicationError("unexpected call to "+name, errUnexpected, nil)
	}
	h.env.OnActivity(a.CreateThread, mock.Anything, mock.Anything).Maybe().Return(
		func(context.Context, activities.CreateThreadInput) (activities.CreateThreadResult, error) {
			return activities.CreateThreadResult{}, unexpected("CreateThread")
		})
	for _, fn := range []any{a.StartRun, a.AwaitRun, a.SubmitToolOutputs, a.CancelRun} {
		h.env.OnActivity(fn, mock.Anything, mock.Anything).Maybe().Return(assistant.RunState{}, unexpected("run activity"))
	}
	h.env.OnActivity(a.CallTool, mock.Anything, mock.Anything).Maybe().Return(
		func(context.Context, activities.CallToolInput) (assistant.ToolOutput, error) {
			return assistant.ToolOutput{}, unexpected("CallTool")
		})
	h.env.OnActivity(a.ListRunSteps, mock.Anything, mock.Anything).Maybe().Return(nil, unexpected("ListRunSteps"))
	h.env.OnActivity(a.ListRunStepPages, mock.Anything, mock.Anything).Maybe().Return(activities.RunSteps{}, unexpected("ListRunStepPages"))
	// A cancel reads the run the following activity named; none by default.
	h.env.OnActivity(a.PendingRun, mock.Anything, mock.Anything).Maybe().Return("", nil)
	h.env.OnActivity(a.PendingProgress, mock.Anything, mock.Anything).Maybe().Return(assistant.FollowProgress{}, nil)
	h.env.OnActivity(a.CreateAssistant, mock.Anything, mock.Anything).Maybe().Return(
		func(context.Context, assistant.CreateAssistantInput) (string, error) {
			return "", unexpected("CreateAssistant")
		})
}

// run executes the Run workflow to its end.
func (h *harness) run(req assistant.RunRequest) {
	h.t.Helper()
	h.fallbacks()
	h.env.ExecuteWorkflow(Run, req)
	require.True(h.t, h.env.IsWorkflowCompleted(), "workflow did not complete")
}

// result is the Result of a Run that must have succeeded.
func (h *harness) result() assistant.Result {
	h.t.Helper()
	require.NoError(h.t, h.env.GetWorkflowError())
	var res assistant.Result
	require.NoError(h.t, h.env.GetWorkflowResult(&res))
	return res
}

// appError is the innermost application error of the workflow's failure.
func (h *harness) appError() *temporal.ApplicationError {
	h.t.Helper()
	err := h.env.GetWorkflowError()
	require.Error(h.t, err)
	var app *temporal.ApplicationError
	require.True(h.t, errors.As(err, &app), "want an application error, got %v", err)
	return app
}

// calls counts the attempts of one activity type.
func (h *harness) calls(name string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, info := range h.started {
		if info.ActivityType.Name == name {
			n++
		}
	}
	return n
}

// types lists the activity types started, in order.
func (h *harness) types() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]string, len(h.started))
	for i, info := range h.started {
		out[i] = info.ActivityType.Name
	}
	return out
}

// infos lists the attempts of one activity type, in order.
func (h *harness) infos(name string) []activity.Info {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []activity.Info
	for _, info := range h.started {
		if info.ActivityType.Name == name {
			out = append(out, info)
		}
	}
	return out
}

// inputs decodes the input of every attempt of one activity type.
func inputs[T any](h *harness, name string) []T {
	h.t.Helper()
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []T
	for i, info := range h.started {
		if info.ActivityType.Name != name {
			continue
		}
		var in T
		require.NoError(h.t, h.args[i].Get(&in))
		out = append(out, in)
	}
	return out
}

func (h *harness) eventLog() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.events...)
}

// query asks the running (or finished) workflow for its State.
func (h *harness) query() assistant.RunView {
	h.t.Helper()
	v, err := h.env.QueryWorkflow(assistant.QueryState)
	require.NoError(h.t, err)
	var st assistant.RunView
	require.NoError(h.t, v.Get(&st))
	return st
}

// baseRequest is a valid request on an existing thread.
func baseRequest() assistant.RunRequest {
	return assistant.RunRequest{
		AssistantID:  "asst_1",
		ThreadID:     testThreadID,
		Message:      "What is the weather in Paris?",
		Instructions: "Answer briefly.",
		Metadata:     map[string]string{"user": "u-42", "channel": "web"},
	}
}

// state builds a RunState of the test run.
func state(status assistant.RunStatus) assistant.RunState {
	return assistant.RunState{ThreadID: testThreadID, APIRunID: testRunID, Status: status}
}

// completed is a completed state with a reply and usage.
func completed() assistant.RunState {
	st := state(assistant.StatusCompleted)
	st.Reply = &assistant.Reply{Text: "Sunny, 21°C.", Annotations: []assistant.Annotation{
		{Type: "file_citation", Text: "【1】", StartIndex: 3, EndIndex: 6, FileID: "file_1"},
	}}
	st.Usage = assistant.Usage{PromptTokens: 100, CompletionTokens: 20, TotalTokens: 120}
	return st
}

// requiresAction is a requires_action state waiting for calls.
func requiresAction(calls ...assistant.ToolCall) assistant.RunState {
	st := state(assistant.StatusRequiresAction)
	st.ToolCalls = calls
	return st
}

func toolCall(id, name string) assistant.ToolCall {
	return assistant.ToolCall{ID: id, Name: name, Arguments: `{"q":"` + id + `"}`}
}

// onStart makes StartRun answer st.
func (h *harness) onStart(st assistant.RunState) {
	h.env.OnActivity(a.StartRun, mock.Anything, mock.Anything).Return(
		func(context.Context, activities.StartRunInput) (assistant.RunState, error) { return st, nil })
}

// onAwait makes AwaitRun answer the states in turn, then fail.
func (h *harness) onAwait(states ...assistant.RunState) {
	h.env.OnActivity(a.AwaitRun, mock.Anything, mock.Anything).Return(inTurn[activities.AwaitRunInput](states))
}

// onSubmit makes SubmitToolOutputs answer the states in turn, then fail.
func (h *harness) onSubmit(states ...assistant.RunState) {
	h.env.OnActivity(a.SubmitToolOutputs, mock.Anything, mock.Anything).Return(inTurn[activities.SubmitToolOutputsInput](states))
}

// inTurn is an activity fake answering the states one by one; past the last
// it fails, so a state machine that loops too far fails instead of hanging.
func inTurn[In any](states []assistant.RunState) func(context.Context, In) (assistant.RunState, error) {
	var mu sync.Mutex
	i := 0
	return func(context.Context, In) (assistant.RunState, error) {
		mu.Lock()
		defer mu.Unlock()
		if i >= len(states) {
			return assistant.RunState{}, temporal.NewNonRetryableApplicationError("no more states", errUnexpected, nil)
		}
		i++
		return states[i-1], nil
	}
}

// onTools makes CallTool echo the call: output "out:<id>".
func (h *harness) onTools() {
	h.env.OnActivity(a.CallTool, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.CallToolInput) (assistant.ToolOutput, error) {
			return assistant.ToolOutput{ToolCallID: in.Call.ID, Output: "out:" + in.Call.ID}, nil
		})
}

// onCancel makes CancelRun answer a cancelled state.
func (h *harness) onCancel() {
	h.env.OnActivity(a.CancelRun, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.CancelRunInput) (assistant.RunState, error) {
			return assistant.RunState{ThreadID: in.ThreadID, APIRunID: in.APIRunID, Status: assistant.StatusCancelled}, nil
		})
}
