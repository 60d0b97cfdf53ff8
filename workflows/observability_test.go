package workflows

import (
	"log/slog"
	"sync"
	"testing"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/internal/metrics"
)

// newObservedHarness is newHarness with a metrics registry behind the
// workflow's metrics handler.
func newObservedHarness(t *testing.T) (*harness, *metrics.Registry) {
	t.Helper()
	var s testsuite.WorkflowTestSuite
	s.SetLogger(log.NewStructuredLogger(slog.New(slog.DiscardHandler)))
	reg := metrics.New()
	s.SetMetricsHandler(reg.Handler())
	env := s.NewTestWorkflowEnvironment()
	env.SetStartTime(testStart)
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: testWorkflowID})
	env.RegisterWorkflow(Run)
	return &harness{t: t, env: env}, reg
}

// upserts records every search attribute upsert the workflow makes.
func (h *harness) upserts() func() []map[string]any {
	var mu sync.Mutex
	var got []map[string]any
	h.env.OnUpsertTypedSearchAttributes(mock.Anything).Run(func(args mock.Arguments) {
		sa := args.Get(0).(temporal.SearchAttributes)
		m := map[string]any{}
		for k, v := range sa.GetUntypedValues() {
			m[k.GetName()] = v
		}
		mu.Lock()
		defer mu.Unlock()
		got = append(got, m)
	}).Return(nil)
	return func() []map[string]any {
		mu.Lock()
		defer mu.Unlock()
		return got
	}
}

func TestRunUpsertsSearchAttributesOnlyOnChange(t *testing.T) {
	h, _ := newObservedHarness(t)
	got := h.upserts()
	h.onStart(requiresAction(toolCall("call_1", "weather"), toolCall("call_2", "time")))
	h.onTools()
	h.onSubmit(state(assistant.StatusQueued))
	h.onAwait(state(assistant.StatusQueued), state(assistant.StatusInProgress), completed())

	h.run(baseRequest())

	require.Equal(t, assistant.StatusCompleted, h.result().Status)
	require.Equal(t, []map[string]any{
		{"DaThreadId": testThreadID, "DaRunId": testRunID, "DaRunStatus": "requires_action"},
		{"DaRunStatus": "queued"},
		// queued -> queued -> in_progress: pending all along, no upsert
		{"DaRunStatus": "completed", "DaTotalTokens": int64(120)},
	}, got())
}

func TestRunRecordsMetrics(t *testing.T) {
	h, reg := newObservedHarness(t)
	h.upserts()
	h.onStart(requiresAction(toolCall("call_1", "weather"), toolCall("call_2", "time")))
	h.onTools()
	h.onSubmit(state(assistant.StatusQueued))
	done := completed()
	done.Model = "gpt-4o-mini"
	h.onAwait(done)

	h.run(baseRequest())

	require.Equal(t, assistant.StatusCompleted, h.result().Status)
	require.Equal(t, 1.0, reg.Value(MetricRuns, map[string]string{"status": "completed"}))
	require.Equal(t, 1.0, reg.Value(MetricRunDuration, map[string]string{"status": "completed"}))
	require.Equal(t, 1.0, reg.Value(MetricToolCalls, map[string]string{"tool": "weather", "outcome": "ok"}))
	require.Equal(t, 1.0, reg.Value(MetricToolCalls, map[string]string{"tool": "time", "outcome": "ok"}))
	require.Equal(t, 100.0, reg.Value(MetricTokens, map[string]string{"model": "gpt-4o-mini", "kind": "prompt"}))
	require.Equal(t, 20.0, reg.Value(MetricTokens, map[string]string{"model": "gpt-4o-mini", "kind": "completion"}))
}

func TestStartSearchAttributesHoldIDsOnly(t *testing.T) {
	sa := assistant.StartSearchAttributes("asst_1", "")
	require.Equal(t, 1, sa.Size(), "no thread yet: only the assistant")
	v, ok := sa.GetKeyword(assistant.SearchAttrAssistantID)
	require.True(t, ok)
	require.Equal(t, "asst_1", v)
	require.Equal(t, 2, assistant.StartSearchAttributes("asst_1", "thread_1").Size())
	require.Len(t, assistant.SearchAttributeTypes(), assistant.AllSearchAttributes().Size())
}
