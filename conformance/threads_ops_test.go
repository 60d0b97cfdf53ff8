package conformance_test

import (
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
