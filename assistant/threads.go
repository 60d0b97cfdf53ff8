package assistant

import (
	"fmt"
	"strings"
)

// Threads: the operations of the Threads workflow on one thread (a
// conversation on the responses protocol): create it, read it, change its
// metadata, delete it, list its messages or runs a page at a time; add,
// read and change one message; change a run's metadata; read a run step.

// ThreadsOp names one operation.
type ThreadsOp string

// The operations.
const (
	OpThreadGet      ThreadsOp = "get"
	OpThreadUpdate   ThreadsOp = "update" // metadata
	OpThreadDelete   ThreadsOp = "delete"
	OpThreadMessages ThreadsOp = "messages" // newest first
	OpThreadRuns     ThreadsOp = "runs"     // newest first; not on the responses protocol
	OpThreadCreate   ThreadsOp = "create"   // a new, empty thread with Metadata
	OpMessageCreate  ThreadsOp = "message_create"
	OpMessageGet     ThreadsOp = "message_get"
	OpMessageUpdate  ThreadsOp = "message_update" // metadata; not on the responses protocol
	OpRunUpdate      ThreadsOp = "run_update"     // metadata; not on the responses protocol
	OpStepGet        ThreadsOp = "step_get"
)

// MaxListedMessageBytes is how much of a listed message's text a page
// carries, encoded: a page of 100 stays far inside a payload.
const MaxListedMessageBytes = 4 << 10

// MaxReadMessageBytes is how much of one message's text message_get and
// message_create return, encoded: what a run's message may hold.
const MaxReadMessageBytes = MaxMessageBytes

// ThreadsInput is one operation of the Threads workflow.
type ThreadsInput struct {
	Op       ThreadsOp         `json:"op"`
	ThreadID string            `json:"thread_id"`
	Metadata map[string]string `json:"metadata,omitempty"` // update: the thread's whole metadata
	Limit    int               `json:"limit,omitempty"`    // 1..100, 0: 20
	After    string            `json:"after,omitempty"`    // the page after this message or run ID

	MessageID string `json:"message_id,omitempty"` // message_get, message_update
	RunID     string `json:"run_id,omitempty"`     // run_update, step_get
	StepID    string `json:"step_id,omitempty"`    // step_get
	Role      string `json:"role,omitempty"`       // message_create: user or assistant
	Text      string `json:"text,omitempty"`       // message_create

	// IdempotencyKey and Anchor are set by the Threads workflow for the
	// creates (callers leave them empty): the key tags what is created, and
	// Anchor is the thread's newest message before a message_create, after
	// which a retry looks for the message an earlier attempt made.
	IdempotencyKey string `json:"idempotency_key,omitempty"`
	Anchor         string `json:"anchor,omitempty"`
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
	// Metadata is a message's own (message_get, message_create,
	// message_update; messages of the assistants protocol).
	Metadata map[string]string `json:"metadata,omitempty"`
}

// ThreadRun is a run of a thread.
type ThreadRun struct {
	ID          string `json:"id"`
	Status      string `json:"status"`
	AssistantID string `json:"assistant_id,omitempty"`
	Model       string `json:"model,omitempty"`
	CreatedAt   int64  `json:"created_at,omitempty"`
	Usage       Usage  `json:"usage"`
	// Metadata is the run's, without the engine's idempotency key.
	Metadata map[string]string `json:"metadata,omitempty"`
}

// ThreadsResult is what an operation returns.
type ThreadsResult struct {
	Thread   *ThreadInfo     `json:"thread,omitempty"`
	Deleted  bool            `json:"deleted,omitempty"`
	Messages []ThreadMessage `json:"messages,omitempty"`
	Runs     []ThreadRun     `json:"runs,omitempty"`
	Message  *ThreadMessage  `json:"message,omitempty"` // message_create, message_get, message_update
	Run      *ThreadRun      `json:"run,omitempty"`     // run_update
	Step     *RunStep        `json:"step,omitempty"`    // step_get
	HasMore  bool            `json:"has_more,omitempty"`
	Next     string          `json:"next,omitempty"`
}

// Validate checks the operation before it is sent, naming the field.
func (in ThreadsInput) Validate() error {
	if in.Op == OpThreadCreate {
		if in.ThreadID != "" {
			return fmt.Errorf("create: thread_id is %q; a new thread gets its ID from the API, leave it empty", in.ThreadID)
		}
		return validateMetadata(in.Metadata)
	}
	if err := requireID("thread_id", in.ThreadID); err != nil {
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
	case OpMessageCreate:
		return in.validateNewMessage()
	case OpMessageGet:
		return requireID("message_id", in.MessageID)
	case OpMessageUpdate:
		if err := requireID("message_id", in.MessageID); err != nil {
			return err
		}
		return validateMetadata(in.Metadata)
	case OpRunUpdate:
		if err := requireID("run_id", in.RunID); err != nil {
			return err
		}
		return validateMetadata(in.Metadata)
	case OpStepGet:
		if err := requireID("run_id", in.RunID); err != nil {
			return err
		}
		return requireID("step_id", in.StepID)
	}
	return fmt.Errorf("op is %q; it must be create, get, update, delete, messages, runs, message_create, message_get, message_update, run_update or step_get", in.Op)
}

func (in ThreadsInput) validateNewMessage() error {
	if in.Role != "user" && in.Role != "assistant" {
		return fmt.Errorf("message_create: role is %q; it must be user or assistant", in.Role)
	}
	if err := ValidateMessage("text", in.Text); err != nil {
		return err
	}
	return validateMetadata(in.Metadata)
}

// requireID checks an ID of the path: set, short, UTF-8.
func requireID(field, id string) error {
	if strings.TrimSpace(id) == "" {
		return fmt.Errorf("%s is empty", field)
	}
	return ValidateText(field, id, MaxIDBytes)
}
