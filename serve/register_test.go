package serve

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/tools"
)

// names records what Register registers, under which names.
type names struct {
	worker.Registry // the methods Register does not call
	workflows       []string
	activities      []string
}

func (n *names) RegisterWorkflow(w any) {
	n.RegisterWorkflowWithOptions(w, workflow.RegisterOptions{})
}

func (n *names) RegisterWorkflowWithOptions(_ any, o workflow.RegisterOptions) {
	n.workflows = append(n.workflows, o.Name) // "" = the function's name, which clients cannot rely on
}

func (n *names) RegisterActivity(a any) {
	t := reflect.TypeOf(a)
	for i := range t.NumMethod() {
		n.activities = append(n.activities, t.Method(i).Name)
	}
}

func (n *names) RegisterActivityWithOptions(a any, _ activity.RegisterOptions) { n.RegisterActivity(a) }

// TestRegisterUsesTheNamesClientsStart: clients start workflows and read
// activities' heartbeat details by the names in assistant/, so the worker
// must register exactly those.
func TestRegisterUsesTheNamesClientsStart(t *testing.T) {
	var n names
	Register(&n, activities.New(nil, tools.NewRegistry(), activities.Options{}))

	require.ElementsMatch(t, []string{assistant.WorkflowRun, assistant.WorkflowConversation,
		assistant.WorkflowCreateAssistant, assistant.WorkflowAssistants, assistant.WorkflowThreads, assistant.WorkflowFiles}, n.workflows)
	for _, a := range []string{assistant.ActivityStartRun, assistant.ActivitySubmitToolOutputs, assistant.ActivityStreamRun} {
		require.Contains(t, n.activities, a)
	}
}
