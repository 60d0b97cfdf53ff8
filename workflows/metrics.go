package workflows

import (
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// Names of the project's own metrics recorded by the workflows. Workflow
// metrics go through workflow.GetMetricsHandler, which drops them during
// replay, so each run counts once however often it is replayed.
const (
	MetricRuns        = "durable_assistants_runs"         // counter; tag status
	MetricRunDuration = "durable_assistants_run_duration" // timer (histogram); tag status
	MetricToolCalls   = "durable_assistants_tool_calls"   // counter; tags tool, outcome
	MetricTokens      = "durable_assistants_tokens"       // counter; tags model, kind
	unknownModel      = "unknown"
)

// recordEnd counts a run that reached a terminal status: its status, how
// long the workflow took and the tokens it used.
func (r *runner) recordEnd(ctx workflow.Context, st assistant.RunState) {
	m := workflow.GetMetricsHandler(ctx)
	status := string(st.Status)
	if status == "" {
		status = "none"
	}
	tagged := m.WithTags(map[string]string{"status": status})
	tagged.Counter(MetricRuns).Inc(1)
	tagged.Timer(MetricRunDuration).Record(workflow.Now(ctx).Sub(workflow.GetInfo(ctx).WorkflowStartTime))
	model := st.Model
	if model == "" {
		model = unknownModel
	}
	tokens := []struct {
		kind string
		n    int64
	}{{"prompt", st.Usage.PromptTokens}, {"completion", st.Usage.CompletionTokens}}
	for _, t := range tokens {
		if t.n > 0 {
			m.WithTags(map[string]string{"model": model, "kind": t.kind}).Counter(MetricTokens).Inc(t.n)
		}
	}
}

// recordToolCall counts one finished tool call by its outcome: ok, error
// (the model got an error output) or failed (retries spent, timed out).
func recordToolCall(ctx workflow.Context, name string, out assistant.ToolOutput, failed bool) {
	outcome := "ok"
	switch {
	case failed:
		outcome = "failed"
	case out.IsError:
		outcome = "error"
	}
	workflow.GetMetricsHandler(ctx).WithTags(map[string]string{"tool": name, "outcome": outcome}).Counter(MetricToolCalls).Inc(1)
}
