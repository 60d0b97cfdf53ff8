// Package activities is the API side of the engine: it drives the model API
// through a protocol Backend, translating every answer into the project's own
// types and every failure into a typed, classified Temporal error.
package activities

import (
	"context"
	"time"

	"go.temporal.io/sdk/converter"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/tools"
)

// Options tune the activities; zero values take the defaults.
type Options struct {
	// PollInitial is the first poll delay when the API sends no
	// openai-poll-after-ms hint; it grows by half each poll up to PollMax.
	PollInitial time.Duration
	PollMax     time.Duration
	// DefaultMode is the run mode of requests that name none (config RUN_MODE);
	// the worker hands it to the Run workflow at registration (DefaultModeOf).
	DefaultMode assistant.Mode
	// StreamIdle is the stream watchdog: a stream silent this long is cut and
	// the run re-attached by polling. It is kept below the heartbeat timeout
	// (default two thirds of it).
	StreamIdle time.Duration
	// Sink receives reply deltas as they stream in (default LogSink).
	Sink DeltaSink
	// DataConverter is the worker client's (with its payload codec), which
	// PendingRun needs to read heartbeat details; default the SDK's.
	DataConverter converter.DataConverter
}

func (o Options) withDefaults() Options {
	if o.PollInitial <= 0 {
		o.PollInitial = 50 * time.Millisecond
	}
	if o.PollMax <= 0 {
		o.PollMax = time.Second
	}
	if o.DefaultMode == assistant.ModeDefault {
		o.DefaultMode = assistant.ModePoll
	}
	if o.Sink == nil {
		o.Sink = LogSink{}
	}
	if o.DataConverter == nil {
		o.DataConverter = converter.GetDefaultDataConverter()
	}
	return o
}

// Activities are registered once, as a pointer, on the worker. Helpers stay
// unexported so registration does not pick them up.
type Activities struct {
	api   Backend
	tools *tools.Registry
	opts  Options
}

// New builds the activities over one protocol backend and the tool registry.
func New(api Backend, reg *tools.Registry, opts Options) *Activities {
	if reg == nil {
		reg = tools.NewRegistry()
	}
	return &Activities{api: api, tools: reg, opts: opts.withDefaults()}
}

// settle finishes a state before it leaves an activity: tool calls get their
// scheduling policy, and a completed run gets its reply, whichever activity
// saw it complete (a retried create or submit may find the run finished).
func (a *Activities) settle(ctx context.Context, st assistant.RunState) (assistant.RunState, error) {
	if st.Status == assistant.StatusCompleted && st.Reply == nil {
		reply, err := a.api.Reply(ctx, st.ThreadID, st.APIRunID)
		if err != nil {
			return assistant.RunState{}, classify("read reply", err)
		}
		st.Reply = &reply
	}
	return a.withPolicies(st), nil
}

// withPolicies fills each pending tool call's scheduling policy from the
// registry, so the workflow learns it through history, deterministically.
func (a *Activities) withPolicies(st assistant.RunState) assistant.RunState {
	for i, tc := range st.ToolCalls {
		t, ok := a.tools.Lookup(tc.Name)
		if !ok {
			continue
		}
		st.ToolCalls[i].Policy = assistant.ToolPolicy{
			Timeout:          t.Options.Timeout,
			MaxAttempts:      t.Options.MaxAttempts,
			TaskQueue:        t.Options.TaskQueue,
			RequiresApproval: t.Options.RequiresApproval,
			Local:            t.Options.Local,
		}
	}
	return st
}

// DefaultModeOf returns the run mode the activities were configured with for
// requests that name none. A function, not a method: methods are activities.
func DefaultModeOf(a *Activities) assistant.Mode { return a.opts.DefaultMode }
