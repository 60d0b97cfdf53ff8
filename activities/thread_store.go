package activities

import (
	"context"
	"maps"

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

// ThreadMaker creates a standalone thread (a conversation on the responses
// protocol) with meta as its metadata, which holds the creating workflow's
// idempotency key (ThreadsInput.IdempotencyKey).
type ThreadMaker interface {
	NewThread(ctx context.Context, meta map[string]string) (assistant.ThreadInfo, error)
}

// NewMessage is a message to add to a thread; Key is the idempotency key
// of the workflow adding it.
type NewMessage struct {
	Role, Text string
	Metadata   map[string]string
	Key        string
}

// MessageStore adds, reads and changes single messages of a thread (items
// of a conversation on the responses protocol).
type MessageStore interface {
	// NewestMessageID is the ID of the thread's newest message or item, ""
	// when it has none: the anchor after which a retried create looks.
	NewestMessageID(ctx context.Context, threadID string) (string, error)
	CreateMessage(ctx context.Context, threadID string, m NewMessage) (assistant.ThreadMessage, error)
	// FindMessage looks, after anchor ("" from the start), for the message
	// an earlier attempt of the create of m made.
	FindMessage(ctx context.Context, threadID, anchor string, m NewMessage) (assistant.ThreadMessage, bool, error)
	GetMessage(ctx context.Context, threadID, messageID string) (assistant.ThreadMessage, error)
	// UpdateMessage sets a message's whole metadata; a protocol that cannot
	// returns a non-retryable error saying why.
	UpdateMessage(ctx context.Context, threadID, messageID string, meta map[string]string) (assistant.ThreadMessage, error)
}

// RunStore changes a run's metadata and reads one of its steps.
type RunStore interface {
	// UpdateRun sets the run's whole metadata, keeping the engine's
	// idempotency key; a protocol that cannot returns a non-retryable error.
	UpdateRun(ctx context.Context, threadID, runID string, meta map[string]string) (assistant.ThreadRun, error)
	GetRunStep(ctx context.Context, threadID, runID, stepID string) (assistant.RunStep, error)
}

// ReadMessage cuts one message's text for a result (MaxReadMessageBytes)
// and leaves the engine's idempotency key out of its metadata.
func ReadMessage(m assistant.ThreadMessage) assistant.ThreadMessage {
	if cut := assistant.CutEncoded(m.Text, assistant.MaxReadMessageBytes); cut != m.Text {
		m.Text, m.Truncated = cut, true
	}
	if _, ok := m.Metadata[MetadataKeyIdempotency]; ok {
		m.Metadata = maps.Clone(m.Metadata)
		delete(m.Metadata, MetadataKeyIdempotency)
	}
	return m
}
