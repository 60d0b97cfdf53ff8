package integration

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

const threeToolsMessage = twoToolsMessage + "\n" + `call: current_time {"timezone":"Europe/Paris"}`

// A run with one round of three tool calls keeps its history near the
// docs/design.md#budgets (~40 events) on both protocols: the start and the
// submit follow the run in one activity each, the thread is a local
// activity, and no separate wait is scheduled.
func TestRunHistoryIsLean(t *testing.T) {
	for _, p := range protocols {
		t.Run(p.name, func(t *testing.T) {
			e, _ := protocolEnv(t, p, openaitest.Options{})
			ctx := e.ctx(60 * time.Second)
			run, err := e.client.StartRun(ctx, assistant.RunRequest{AssistantID: p.assistant(e), Message: threeToolsMessage})
			require.NoError(t, err)
			res, err := run.Result(ctx)
			require.NoError(t, err)
			require.Equal(t, assistant.StatusCompleted, res.Status)
			require.Len(t, res.ToolCalls, 3)

			it := e.tc.GetWorkflowHistory(ctx, run.WorkflowID, run.WorkflowRunID, false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
			events, scheduled := 0, map[string]int{}
			for it.HasNext() {
				ev, err := it.Next()
				require.NoError(t, err)
				events++
				if a := ev.GetActivityTaskScheduledEventAttributes(); a != nil {
					scheduled[a.GetActivityType().GetName()]++
				}
			}
			t.Logf("%s: %d events, activities %v", p.name, events, scheduled)
			require.Equal(t, map[string]int{"StartRun": 1, "CallTool": 3, "SubmitToolOutputs": 1}, scheduled)
			// 35 when the three tool completions share a workflow task; each
			// one that does not adds a task (3 events).
			require.LessOrEqual(t, events, 41)
		})
	}
}
