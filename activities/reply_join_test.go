package activities_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// AppendReply joins texts as JoinText does and moves each annotation by the
// characters (not bytes) before its text, so it keeps pointing at its span.
func TestAppendReplyMovesAnnotations(t *testing.T) {
	var r assistant.Reply
	activities.AppendReply(&r, "", nil)
	activities.AppendReply(&r, "Ça va", []assistant.Annotation{{Type: "file_citation", Text: "va", StartIndex: 3, EndIndex: 5}})
	activities.AppendReply(&r, "voir ici", []assistant.Annotation{{Type: "file_path", Text: "ici", StartIndex: 5, EndIndex: 8}})
	require.Equal(t, "Ça va\n\nvoir ici", r.Text)
	runes := []rune(r.Text)
	for _, a := range r.Annotations {
		require.Equal(t, a.Text, string(runes[a.StartIndex:a.EndIndex]))
	}
	require.EqualValues(t, 12, r.Annotations[1].StartIndex, "5 characters and a blank line before it")
}
