package activities

import (
	"context"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// ThreadStore reads and changes threads (conversations on the responses
// protocol) beyond what runs need. Lists are pages, newest first, after the
// item with ID after ("" from the start).
type ThreadStore interface {
	GetThread(ctx context.Context, threadID string) (assistant.ThreadInfo, error)
	UpdateThread(ctx context.Context, threadID string, meta map[string]string) (assistant.ThreadInfo, error)
	// ListMessages returns a page and the cursor of the next ("" at the end).
	ListMessages(ctx context.Context, threadID string, limit int, after string) (page []assistant.ThreadMessage, next string, err error)
	// ListRuns fails on a protocol that cannot list runs.
	ListRuns(ctx context.Context, threadID string, limit int, after string) ([]assistant.ThreadRun, bool, error)
}

// ListedMessage cuts a message's text for a page (MaxListedMessageBytes).
func ListedMessage(m assistant.ThreadMessage) assistant.ThreadMessage {
	if cut := assistant.CutEncoded(m.Text, assistant.MaxListedMessageBytes); cut != m.Text {
		m.Text, m.Truncated = cut, true
	}
	return m
}
