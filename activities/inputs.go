package activities

import (
	"github.com/durable-assistants/durable-assistants/assistant"
)

// CreateThreadInput asks for a new, empty thread.
type CreateThreadInput struct{}

// CreateThreadResult names the thread created.
type CreateThreadResult struct {
	ThreadID string `json:"thread_id"`
}

// StartRunInput creates a run on a thread with the user's message.
type StartRunInput struct {
	ThreadID     string            `json:"thread_id"`
	AssistantID  string            `json:"assistant_id"`
	Message      string            `json:"message"`
	Instructions string            `json:"instructions,omitempty"`
	Metadata     map[string]string `json:"metadata,omitempty"`
	// Overrides are the run's own settings (nil: the assistant's).
	Overrides *assistant.RunOverrides `json:"overrides,omitempty"`
	// Attachments and Images are the message's files; ToolResources the
	// built-in tools' (RunRequest's).
	Attachments   []assistant.Attachment   `json:"attachments,omitempty"`
	Images        []assistant.ImagePart    `json:"images,omitempty"`
	ToolResources *assistant.ToolResources `json:"tool_resources,omitempty"`
	// ToolDefs are the definitions of Overrides.Tools, from the registry
	// (runTools); never in history.
	ToolDefs []assistant.ToolDefinition `json:"-"`
	// IdempotencyKey is derived by the workflow (workflow ID + run ID + turn);
	// retries adopt the run carrying it instead of creating another.
	IdempotencyKey string `json:"idempotency_key"`
	// Follow keeps the activity on the run after the create, polling it to
	// requires_action or its end (see Follow).
	Follow bool `json:"follow,omitempty"`
	// IncludeSteps keeps the run's steps in the state returned
	// (RunRequest.IncludeSteps); without it they are dropped: the state is
	// history, and steps nobody asked for only take room there.
	IncludeSteps bool `json:"include_steps,omitempty"`
	// ThreadAndRun creates the thread (ThreadID empty) and the run in one
	// request (RunRequest.CreateThreadAndRun; see thread_and_run.go).
	ThreadAndRun bool `json:"thread_and_run,omitempty"`
	// MessagesOnThread says the thread holds the run's messages already (a
	// create-thread-and-run put them there and lost its run): the run is
	// created without them. Set by the activity, never in history.
	MessagesOnThread bool `json:"-"`
}

// AwaitRunInput waits for a run to leave queued/in_progress/cancelling.
type AwaitRunInput struct {
	ThreadID string `json:"thread_id"`
	APIRunID string `json:"run_id"`
	// PollAfterMs is the hint from the response that preceded the wait, so the
	// first poll is timed from that response rather than from now.
	PollAfterMs int64 `json:"poll_after_ms,omitempty"`
	// IncludeSteps: see StartRunInput.IncludeSteps.
	IncludeSteps bool `json:"include_steps,omitempty"`
}

// CallToolInput runs one tool call of a requires_action.
type CallToolInput struct {
	ThreadID string             `json:"thread_id"`
	APIRunID string             `json:"run_id"`
	Call     assistant.ToolCall `json:"call"`
}

// SubmitToolOutputsInput submits every output of one requires_action.
type SubmitToolOutputsInput struct {
	ThreadID string                 `json:"thread_id"`
	APIRunID string                 `json:"run_id"`
	Outputs  []assistant.ToolOutput `json:"outputs"`
	// Run is the run's own settings, set only when the state before the
	// submit asked for them (assistant.RunState.CarrySettings).
	Run *RunSettings `json:"run,omitempty"`
	// Follow keeps the activity on the run after the submit (see Follow).
	Follow bool `json:"follow,omitempty"`
	// IncludeSteps: see StartRunInput.IncludeSteps.
	IncludeSteps bool `json:"include_steps,omitempty"`
}

// CancelRunInput cancels a run and waits until it is terminal.
type CancelRunInput struct {
	ThreadID string `json:"thread_id"`
	APIRunID string `json:"run_id"`
	// IdempotencyKey finds the run when RunID is empty: a start cancelled
	// before it could name the run may still have created it.
	IdempotencyKey string `json:"idempotency_key,omitempty"`
	// IncludeSteps: see StartRunInput.IncludeSteps.
	IncludeSteps bool `json:"include_steps,omitempty"`
}

// RunSettings are a run's own instructions and metadata (customer text: they
// travel in activity inputs, through the payload codec, never in run IDs).
type RunSettings struct {
	Instructions string            `json:"instructions,omitempty"`
	Metadata     map[string]string `json:"metadata,omitempty"`
}
