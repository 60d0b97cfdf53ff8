package conformance_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// TestThreadOperations: get, update metadata, list messages (paginated,
// texts cut) and runs, delete, on both protocols through the validated
// emulator; runs cannot be listed on the responses protocol.
func TestThreadOperations(t *testing.T) {
	eachProtocol(t, func(t *testing.T, w *worker, asst, threadID string) {
		long := strings.Repeat("<", assistant.MaxListedMessageBytes) // 6 bytes each, encoded
		for i, msg := range []string{"one", "two", long} {
			var st assistant.RunState
			w.must(&st, w.acts.StartRun, activities.StartRunInput{ThreadID: threadID, AssistantID: asst, Message: msg,
				Follow: true, IdempotencyKey: "wf/t" + string(rune('0'+i))})
			require.Equal(t, assistant.StatusCompleted, st.Status)
		}
		res, err := w.thread(assistant.ThreadsInput{Op: assistant.OpThreadUpdate, ThreadID: threadID, Metadata: map[string]string{"team": "a"}})
		require.NoError(t, err)
		require.Equal(t, map[string]string{"team": "a"}, res.Thread.Metadata)
		res, err = w.thread(assistant.ThreadsInput{Op: assistant.OpThreadGet, ThreadID: threadID})
		require.NoError(t, err)
		require.Equal(t, "a", res.Thread.Metadata["team"])

		var texts []string
		after, pages := "", 0
		for {
			res, err := w.thread(assistant.ThreadsInput{Op: assistant.OpThreadMessages, ThreadID: threadID, Limit: 2, After: after})
			require.NoError(t, err)
			pages++
			for _, m := range res.Messages {
				texts = append(texts, m.Role+": "+m.Text[:min(len(m.Text), 12)])
				require.LessOrEqual(t, assistant.EncodedLen(m.Text), assistant.MaxListedMessageBytes)
				require.Equal(t, strings.Contains(m.Text, "<"), m.Truncated, "only the long texts are cut")
			}
			if !res.HasMore {
				break
			}
			after = res.Next
		}
		require.Len(t, texts, 6, "three messages and three replies: %v", texts)
		require.Equal(t, "user: one", texts[5], "newest first")
		require.GreaterOrEqual(t, pages, 3)

		runs, err := w.thread(assistant.ThreadsInput{Op: assistant.OpThreadRuns, ThreadID: threadID})
		if w.protocol == "assistants" {
			require.NoError(t, err)
			require.Len(t, runs.Runs, 3)
			require.Equal(t, "completed", runs.Runs[0].Status)
		} else {
			requireType(t, err, assistant.ErrorTypeInvalidInput, "cannot list a conversation's responses")
		}
		res, err = w.thread(assistant.ThreadsInput{Op: assistant.OpThreadDelete, ThreadID: threadID})
		require.NoError(t, err)
		require.True(t, res.Deleted)
		_, err = w.thread(assistant.ThreadsInput{Op: assistant.OpThreadGet, ThreadID: threadID})
		requireType(t, err, assistant.ErrorTypeNotFound, "")
		require.Empty(t, w.chk.Violations())
	})
}

// singleObjectOps runs the single-object operations of the Threads
// workflow on a thread with one completed run: create a thread, add, read
// and change a message, change the run's metadata, read a step; refused
// on the responses protocol where the API has no equivalent.
func (w *worker) singleObjectOps(protocol, asst string) {
	t := w.t
	res, err := w.thread(assistant.ThreadsInput{Op: assistant.OpThreadCreate, Metadata: map[string]string{"team": "a"}, IdempotencyKey: "wf/th"})
	require.NoError(t, err)
	th := res.Thread.ID
	require.Equal(t, "a", res.Thread.Metadata["team"])

	meta := map[string]string{"source": "crm"}
	if protocol == "responses" {
		_, err := w.thread(assistant.ThreadsInput{Op: assistant.OpMessageCreate, ThreadID: th, Role: "user", Text: "x", Metadata: meta, IdempotencyKey: "wf/m0"})
		requireType(t, err, assistant.ErrorTypeInvalidInput, "items keep no metadata")
		meta = nil
	}
	var anchor string
	w.must(&anchor, w.acts.NewestMessage, activities.NewestMessageInput{ThreadID: th})
	require.Empty(t, anchor, "a new thread has no message")
	res, err = w.thread(assistant.ThreadsInput{Op: assistant.OpMessageCreate, ThreadID: th, Role: "user", Text: "earlier context",
		Metadata: meta, IdempotencyKey: "wf/m1"})
	require.NoError(t, err)
	msg := res.Message
	require.Equal(t, "earlier context", msg.Text)
	require.Equal(t, meta, msg.Metadata, "the engine's key is left out")
	// What a retry does first: find the message after the anchor.
	found, ok, err := w.backend.(activities.MessageStore).FindMessage(context.Background(), th, "",
		activities.NewMessage{Role: "user", Text: "earlier context", Key: "wf/m1"})
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, msg.ID, found.ID)
	got, err := w.thread(assistant.ThreadsInput{Op: assistant.OpMessageGet, ThreadID: th, MessageID: msg.ID})
	require.NoError(t, err)
	require.Equal(t, "earlier context", got.Message.Text)

	var st assistant.RunState
	w.must(&st, w.acts.StartRun, activities.StartRunInput{ThreadID: th, AssistantID: asst,
		Message: "call: calculate {\"expression\":\"2+2\"}", Follow: true, IdempotencyKey: "wf/r1", IncludeSteps: true})
	callSteps := st.Steps // responses: the turn's function call item
	var out assistant.ToolOutput
	w.must(&out, w.acts.CallTool, activities.CallToolInput{ThreadID: th, APIRunID: st.APIRunID, Call: st.ToolCalls[0]})
	var done assistant.RunState // decoded apart: st's steps are kept
	w.must(&done, w.acts.SubmitToolOutputs, activities.SubmitToolOutputsInput{ThreadID: th, APIRunID: st.APIRunID,
		Outputs: []assistant.ToolOutput{out}, Follow: true})
	require.Equal(t, assistant.StatusCompleted, done.Status)

	upd, updErr := w.thread(assistant.ThreadsInput{Op: assistant.OpMessageUpdate, ThreadID: th, MessageID: msg.ID, Metadata: map[string]string{"k": "v"}})
	runUpd, runErr := w.thread(assistant.ThreadsInput{Op: assistant.OpRunUpdate, ThreadID: th, RunID: st.APIRunID, Metadata: map[string]string{"k": "v"}})
	if protocol == "assistants" {
		require.NoError(t, updErr)
		require.Equal(t, map[string]string{"k": "v"}, upd.Message.Metadata)
		require.NoError(t, runErr)
		require.Equal(t, map[string]string{"k": "v"}, runUpd.Run.Metadata)
		_, found, err := w.backend.FindRun(context.Background(), th, "wf/r1")
		require.NoError(t, err)
		require.True(t, found, "the run keeps its idempotency key")
	} else {
		requireType(t, updErr, assistant.ErrorTypeInvalidInput, "cannot change an item")
		requireType(t, runErr, assistant.ErrorTypeInvalidInput, "cannot change a response's metadata")
	}

	var steps activities.RunSteps
	w.must(&steps, w.acts.ListRunStepPages, activities.ListRunStepsInput{ThreadID: th, APIRunID: st.APIRunID})
	if protocol == "assistants" {
		require.Len(t, steps.Steps, 2)
		callSteps = steps.Steps
	} // responses: the steps ride in the states, none listed
	stepID := ""
	for _, s := range callSteps {
		if s.Type == "tool_calls" {
			stepID = s.ID
		}
	}
	require.NotEmpty(t, stepID, "steps: %+v", callSteps)
	step, err := w.thread(assistant.ThreadsInput{Op: assistant.OpStepGet, ThreadID: th, RunID: st.APIRunID, StepID: stepID})
	require.NoError(t, err)
	require.Equal(t, "tool_calls", step.Step.Type)
	require.Equal(t, "calculate", step.Step.ToolCalls[0].Name)
	if protocol == "responses" {
		_, err := w.thread(assistant.ThreadsInput{Op: assistant.OpStepGet, ThreadID: th, RunID: st.APIRunID, StepID: msg.ID})
		requireType(t, err, assistant.ErrorTypeNotFound, "not a run step")
	}
}

// TestSingleObjectOperations: the seeds' createThread, createMessage,
// retrieveMessage, modifyMessage, modifyRun and retrieveRunStep on both
// protocols through the validated emulator.
func TestSingleObjectOperations(t *testing.T) {
	eachProtocol(t, func(t *testing.T, w *worker, asst, _ string) {
		w.singleObjectOps(w.protocol, asst)
		require.Empty(t, w.chk.Violations())
	})
}

// TestThreadAndRunConforms: POST /threads/runs, polled and streamed (its
// thread.created event), through the validated emulator.
func TestThreadAndRunConforms(t *testing.T) {
	w := newWorker(t, "assistants")
	asst := w.assistant()
	var st assistant.RunState
	w.must(&st, w.acts.StartRun, activities.StartRunInput{AssistantID: asst, Message: "hello", ThreadAndRun: true,
		Follow: true, IdempotencyKey: "wf/tar1"})
	require.Equal(t, assistant.StatusCompleted, st.Status)
	w.must(&st, w.acts.StreamRun, activities.StreamRunInput{Start: &activities.StartRunInput{AssistantID: asst, Message: "hello",
		ThreadAndRun: true, IdempotencyKey: "wf/tar2"}})
	require.Equal(t, assistant.StatusCompleted, st.Status)
	require.Regexp(t, `^thread_`, st.ThreadID)
	require.Empty(t, w.chk.Violations())
}
