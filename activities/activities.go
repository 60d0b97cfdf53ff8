// Package activities is the API side of the engine: it drives the model API
// through a protocol Backend, translating every answer into the project's own
// types and every failure into a typed, classified Temporal error.
package activities

import (
	"context"
	"time"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/tools"
)

// Options tune the activities; zero values take the defaults.
type Options struct {
	// PollInitial is the first poll delay when the API sends no
	// openai-poll-after-ms hint; it grows by half each poll up to PollMax.
	PollInitial time.Duration
	PollMax     time.Duration
}

func (o Options) withDefaults() Options {
	if o.PollInitial <= 0 {
		o.PollInitial = 100 * time.Millisecond
	}
	if o.PollMax <= 0 {
		o.PollMax = time.Second
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
		reply, err := a.api.Reply(ctx, st.ThreadID, st.RunID)
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
		}
	}
	return st
}
