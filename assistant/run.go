package assistant

// RunRequest asks for one run: the user's message on a thread (a new thread
// when ThreadID is empty), answered by an assistant. Instructions are added
// to the assistant's (the API's additional_instructions); Overrides.Instructions
// replace them.
type RunRequest struct {
	AssistantID  string            `json:"assistant_id"`
	ThreadID     string            `json:"thread_id,omitempty"`
	Message      string            `json:"message"`
	Instructions string            `json:"instructions,omitempty"`
	Metadata     map[string]string `json:"metadata,omitempty"`
	// Mode is "poll" or "stream"; "" takes the worker's default (RUN_MODE).
	Mode Mode `json:"mode,omitempty"`
	// Overrides change the assistant's settings for this run only.
	Overrides *RunOverrides `json:"overrides,omitempty"`
	// IncludeSteps lists the run's steps in the Result, at the cost, on the
	// assistants protocol in poll mode, of one request (list run steps) when
	// the run ends; the responses protocol reads them from the responses'
	// output items, and a stream from its step events, with no request.
	// Only such a run's states carry steps (in history).
	IncludeSteps bool `json:"include_steps,omitempty"`
	// Attachments give files to the run's message for the built-in tools;
	// Images follow its text as image parts (attachments.go).
	Attachments []Attachment `json:"attachments,omitempty"`
	Images      []ImagePart  `json:"images,omitempty"`
	// ToolResources are the built-in tools' files and vector stores: set on
	// the thread before the run (assistants protocol; they stay on it), or
	// on the run's code_interpreter and file_search tools (responses).
	ToolResources *ToolResources `json:"tool_resources,omitempty"`
	// CreateThreadAndRun makes the thread and the run in one request
	// (POST /threads/runs) instead of two; ThreadID must be empty. The API
	// lists no threads, so a create whose answer was lost cannot be looked
	// up: the run then fails with ErrorTypeStartUnknown rather than risk a
	// second thread and run (README, "Start runs"). Assistants protocol only.
	CreateThreadAndRun bool `json:"create_thread_and_run,omitempty"`
}

// RunState is the wire-neutral snapshot of a run that activities return.
type RunState struct {
	ThreadID string    `json:"thread_id"`
	APIRunID string    `json:"run_id"`
	Status   RunStatus `json:"status"`
	// ToolCalls are the calls the model waits for when Status is requires_action.
	ToolCalls []ToolCall `json:"tool_calls,omitempty"`
	// ExpiresAt is the Unix time at which the run expires, 0 when unknown.
	ExpiresAt int64     `json:"expires_at,omitempty"`
	Usage     Usage     `json:"usage"`
	LastError *RunError `json:"last_error,omitempty"`
	// IncompleteReason explains an incomplete run (max tokens, ...).
	IncompleteReason string `json:"incomplete_reason,omitempty"`
	// Reply is filled once the run completed.
	Reply *Reply `json:"reply,omitempty"`
	// PollAfterMs is the server's openai-poll-after-ms hint, 0 when absent.
	PollAfterMs int64 `json:"poll_after_ms,omitempty"`
	// Model is the model the run uses, "" when the API did not say.
	Model string `json:"model,omitempty"`
	// CarrySettings asks the next submit to bring the run's own
	// instructions and metadata: the backend cannot read them from the run
	// (a Responses turn adopted at start, whose handle carries IDs only).
	CarrySettings bool `json:"carry_settings,omitempty"`
	// Steps are the run's steps this state saw (responses: the output
	// items of the turn; a stream: its step events), merged by ID into the
	// Result's. Only a run that asked for them (RunRequest.IncludeSteps)
	// gets states with steps.
	Steps []RunStep `json:"steps,omitempty"`
}

// Result is what a Run workflow returns.
type Result struct {
	ThreadID    string           `json:"thread_id"`
	APIRunID    string           `json:"run_id"`
	Status      RunStatus        `json:"status"`
	Reply       string           `json:"reply"`
	Annotations []Annotation     `json:"annotations,omitempty"`
	Usage       Usage            `json:"usage"`
	ToolCalls   []ToolCallRecord `json:"tool_calls,omitempty"`
	// ToolCallsOmitted counts the calls past the first ones, which the Result
	// does not list (they are in the workflow's history).
	ToolCallsOmitted int       `json:"tool_calls_omitted,omitempty"`
	Error            *RunError `json:"error,omitempty"`
	// Steps are what the run did, in order (see RunRequest.IncludeSteps),
	// each call's arguments and output cut to the same cap as ToolCalls'.
	Steps []RunStep `json:"steps,omitempty"`
	// StepsOmitted counts the steps past the first ones.
	StepsOmitted int `json:"steps_omitted,omitempty"`
	// FileIDs are the files the run was given (RunRequest.FileIDs); the
	// files it cites or wrote are in Annotations and Steps.
	FileIDs []string `json:"file_ids,omitempty"`
}
