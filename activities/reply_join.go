package activities

import (
	"unicode/utf8"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// AppendReply adds one text of the reply (a text part, or a message) with
// its annotations, joined as JoinText joins them. The API counts an
// annotation's indices in characters of its own text; they are moved by the
// characters before that text in the joined reply, so they keep pointing at
// their span.
func AppendReply(reply *assistant.Reply, text string, anns []assistant.Annotation) {
	shift := int64(0)
	if reply.Text != "" {
		shift = int64(utf8.RuneCountInString(JoinText(reply.Text, "")))
	}
	reply.Text = JoinText(reply.Text, text)
	for _, a := range anns {
		a.StartIndex += shift
		a.EndIndex += shift
		reply.Annotations = append(reply.Annotations, a)
	}
}
