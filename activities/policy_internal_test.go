package activities

import (
	"context"
	"testing"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/tools"
)

// A tool registered as local tells the workflow so in the call's policy;
// the others do not (issue 18).
func TestWithPoliciesCarriesLocal(t *testing.T) {
	noop := func(context.Context, struct{}) (string, error) { return "", nil }
	reg := tools.NewRegistry()
	reg.MustRegister(tools.Func("fast", "", noop, tools.WithLocal()), tools.Func("slow", "", noop))
	a := New(nil, reg, Options{})
	st := a.withPolicies(assistant.RunState{ToolCalls: []assistant.ToolCall{{ID: "1", Name: "fast"}, {ID: "2", Name: "slow"}}})
	if !st.ToolCalls[0].Policy.Local || st.ToolCalls[1].Policy.Local {
		t.Fatalf("policies %+v, want only the first local", st.ToolCalls)
	}
}
