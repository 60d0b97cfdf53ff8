package workflows

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// TestReplayGoldenHistories replays histories recorded from real runs on the
// dev server (worker + emulator): a run with two parallel tool calls in poll
// mode, one in stream mode, and a two-turn conversation with one of its child
// turns, all from before the lean history (versionLeanHistory); a two-turn
// conversation ended by End on versionIntegrity (recorded with
// `starter chat --conversation golden-v1`); and on the
// lean path the same two runs and two runs cancelled while the model
// thought: one polled, one streamed; and a run whose two tool calls ran as
// local activities (versionLocalTools, recorded with the bench worker's
// kit.NewWorker and Tuning.LocalTools). A change to the workflows that is not replay-safe (new commands
// without workflow.GetVersion) fails here, before it breaks running workflows.
//
// To record them again: run the worker against the emulator, start runs with
// `starter run --workflow-id golden-lean-tools ...` (see the README; the
// cancelled one with --no-wait, then `bin/temporal workflow cancel`), then
// `bin/temporal workflow show -w <id> -o json > workflows/testdata/<name>.json`.
func TestReplayGoldenHistories(t *testing.T) {
	goldens := []struct{ file, workflowID string }{
		{"run_tools", "golden-run-tools"},
		{"run_stream", "golden-run-stream"},
		{"conversation", "conversation-golden"},
		{"conversation_turn", "conversation-golden/01a20904/turn-1"},
		{"conversation_v1", "conversation-golden-v1"}, // versionIntegrity: whole run ID in turn IDs
		{"run_lean_tools", "golden-lean-tools"},
		{"run_lean_stream", "golden-lean-stream"},
		{"run_lean_cancel", "golden-lean-cancel"},
		{"run_lean_stream_cancel", "golden-lean-stream-cancel"},
		// Recorded by the integration tests with GOLDEN_DIR set: a Responses
		// run cancelled while its start waited for a retry (the pending
		// run read first, versionCancelReadsPending), an End in the task
		// where the idle timer fired (versionIdleRace).
		{"run_cancel_between_attempts", "run-644bd92014844a06"},
		{"conversation_end_idle_race", "conversation-conv-it-1"},
		// An End while a turn ran, recorded before versionTurnOutcome (the
		// caller got "workflow_failed: ... canceled"); the same, and a
		// cancel of the conversation's workflow, on it (typed outcomes).
		{"conversation_ended_mid_turn_v0", "conversation-conv-it-1"},
		{"conversation_ended_mid_turn", "conversation-conv-it-1"},
		{"conversation_cancelled_mid_turn", "conversation-conv-it-2"},
		{"run_local_tools", "golden-local-tools"}, // versionLocalTools: two local tool calls
		// Recorded by integration/files_test.go with GOLDEN_DIR set: a run
		// whose message carries an attachment and an image (the start's
		// input holds them, no new command), and a Files upload whose answer
		// was lost, retried and adopted.
		{"run_files", "golden-files-run-assistants"},
		{"files_upload_lost", "golden-files-upload-lost"},
		// versionThreadAndRun: thread and run in one start, a tool round
		// (recorded by integration.TestCreateThreadAndRun with GOLDEN_DIR).
		{"run_thread_and_run", "golden-thread-and-run"},
		// leanLocalTools (versionLeanHistory 2): the same with no marker of
		// their own, recorded like run_local_tools.
		{"run_local_tools_v2", "golden-local-tools-v2"},
	}
	for _, g := range goldens {
		t.Run(g.file, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", g.file+".json"))
			require.NoError(t, err)
			defer f.Close()
			hist, err := client.HistoryFromJSON(f, client.HistoryJSONOptions{})
			require.NoError(t, err)
			r := worker.NewWorkflowReplayer()
			r.RegisterWorkflowWithOptions(RunWith(Defaults{}), workflow.RegisterOptions{Name: assistant.WorkflowRun})
			r.RegisterWorkflow(Conversation)
			r.RegisterWorkflow(CreateAssistant)
			r.RegisterWorkflow(Files)
			// The conversation names its turns after its own workflow ID, so the
			// replay must run under the recorded one.
			opts := worker.ReplayWorkflowHistoryOptions{OriginalExecution: workflow.Execution{ID: g.workflowID}}
			require.NoError(t, r.ReplayWorkflowHistoryWithOptions(nil, hist, opts))
		})
	}
}
