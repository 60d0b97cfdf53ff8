package assistant

import (
	"fmt"
	"strings"
)

// Threads: the operations of the Threads workflow on one thread (a
// conversation on the responses protocol): read it, change its metadata,
// delete it, and list its messages or runs a page at a time.

// ThreadsOp names one operation.
type ThreadsOp string

// The operations.
const (
	OpThreadGet      ThreadsOp = "get"
	OpThreadUpdate   ThreadsOp = "update" // metadata
	OpThreadDelete   ThreadsOp = "delete"
	OpThreadMessages ThreadsOp = "messages" // newest first
	OpThreadRuns     ThreadsOp = "runs"     // newest first; not on the responses protocol
)

// MaxListedMessageBytes is how much of a listed message's text a page
// carries, encoded: a page of 100 stays far inside a payload.
const MaxListedMessageBytes = 4 << 10

// ThreadsInput is one operation of the Threads workflow.
type ThreadsInput struct {
	Op       ThreadsOp         `json:"op"`
	ThreadID string            `json:"thread_id"`
	Metadata map[string]string `json:"metadata,omitempty"` // update: the thread's whole metadata
	Limit    int               `json:"limit,omitempty"`    // 1..100, 0: 20
	After    string            `json:"after,omitempty"`    // the page after this message or run ID
}

// ThreadInfo is a thread as the API describes it.
type ThreadInfo struct {
	ID        string            `json:"id"`
	CreatedAt int64             `json:"created_at,omitempty"`
	Metadata  map[string]string `json:"metadata,omitempty"`
}

// ThreadMessage is a message of a thread, its text cut to
// MaxListedMessageBytes encoded (Truncated says so).
type ThreadMessage struct {
	ID        string `json:"id"`
	Role      string `json:"role"`
	Text      string `json:"text"`
	Truncated bool   `json:"truncated,omitempty"`
	RunID     string `json:"run_id,omitempty"`
	CreatedAt int64  `json:"created_at,omitempty"`
}

// ThreadRun is a run of a thread.
type ThreadRun struct {
	ID          string `json:"id"`
	Status      string `json:"status"`
	AssistantID string `json:"assistant_id,omitempty"`
	Model       string `json:"model,omitempty"`
	CreatedAt   int64  `json:"created_at,omitempty"`
	Usage       Usage  `json:"usage"`
}

// ThreadsResult is what an operation returns.
type ThreadsResult struct {
	Thread   *ThreadInfo     `json:"thread,omitempty"`
	Deleted  bool            `json:"deleted,omitempty"`
	Messages []ThreadMessage `json:"messages,omitempty"`
	Runs     []ThreadRun     `json:"runs,omitempty"`
	HasMore  bool            `json:"has_more,omitempty"`
	Next     string          `json:"next,omitempty"`
}

// Validate checks the operation before it is sent, naming the field.
func (in ThreadsInput) Validate() error {
	if strings.TrimSpace(in.ThreadID) == "" {
		return fmt.Errorf("thread_id is empty")
	}
	if err := ValidateText("thread_id", in.ThreadID, MaxIDBytes); err != nil {
		return err
	}
	switch in.Op {
	case OpThreadGet, OpThreadDelete:
		return nil
	case OpThreadUpdate:
		return validateMetadata(in.Metadata)
	case OpThreadMessages, OpThreadRuns:
		if in.Limit < 0 || in.Limit > MaxListLimit {
			return fmt.Errorf("%s: limit is %d; it must be 1 to %d (0: 20)", in.Op, in.Limit, MaxListLimit)
		}
		return ValidateText("after", in.After, MaxIDBytes)
	}
	return fmt.Errorf("op is %q; it must be get, update, delete, messages or runs", in.Op)
}
