// Package assistant holds every type that crosses a package or process
// boundary: run and conversation inputs and results, the Update, Signal and
// Query names and payloads, the workflow and activity names clients use, the
// error types, tool definitions, profiles, search attribute keys, and small
// shared helpers (the UTF-8-safe text cut). It imports no other package of
// this module, nothing of the model API, and of Temporal only the SDK's
// temporal package (for search attribute keys), so that the client,
// workflows, activities and tools can all depend on it without a cycle.
package assistant

import "time"

// ToolCall is one function call the model asked for.
type ToolCall struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Arguments string `json:"arguments"`
	// Policy says how to schedule the call. Activities fill it from the
	// worker's tool registry, so the workflow never reads the registry (which
	// could differ between the worker that ran it and one that replays it).
	Policy ToolPolicy `json:"policy,omitzero"`
}

// ToolPolicy is how the workflow schedules one tool call.
type ToolPolicy struct {
	Timeout          time.Duration `json:"timeout,omitempty"`
	MaxAttempts      int32         `json:"max_attempts,omitempty"`
	TaskQueue        string        `json:"task_queue,omitempty"`
	RequiresApproval bool          `json:"requires_approval,omitempty"`
	// Local runs the call as a local activity (tools.WithLocal).
	Local bool `json:"local,omitempty"`
}

// ToolOutput is the answer to one ToolCall, as submitted back to the model.
// IsError marks outputs that report a failure to the model ({"error": ...}).
type ToolOutput struct {
	ToolCallID string `json:"tool_call_id"`
	Output     string `json:"output"`
	IsError    bool   `json:"is_error,omitempty"`
}

// ToolCallRecord is a tool call with the output it got, kept in the Result.
// Its arguments and output are cut to a few KiB (Truncated then says so);
// the full ones are in the workflow's history (the CallTool activity's input
// and result).
type ToolCallRecord struct {
	ToolCall
	Output    string `json:"output"`
	IsError   bool   `json:"is_error,omitempty"`
	Truncated bool   `json:"truncated,omitempty"`
}

// Usage counts the tokens a run consumed.
type Usage struct {
	PromptTokens     int64 `json:"prompt_tokens"`
	CompletionTokens int64 `json:"completion_tokens"`
	TotalTokens      int64 `json:"total_tokens"`
}

// Add returns the sum of two usages (a run's usage over several responses).
func (u Usage) Add(o Usage) Usage {
	return Usage{
		PromptTokens:     u.PromptTokens + o.PromptTokens,
		CompletionTokens: u.CompletionTokens + o.CompletionTokens,
		TotalTokens:      u.TotalTokens + o.TotalTokens,
	}
}

// RunError is the code and message of a run that did not complete, or of a
// failure of the workflow driving it.
type RunError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Annotation is a citation or file path attached to a span of the reply.
// Type is file_citation or file_path on both protocols, url_citation or
// container_file_citation on responses. StartIndex and EndIndex count
// characters of the whole Reply (a run's messages joined); the Responses
// API's file_citation and file_path mark a point, start = end = its index.
type Annotation struct {
	Type string `json:"type"`
	// Text is the span's text in the reply (assistants protocol).
	Text       string `json:"text"`
	StartIndex int64  `json:"start_index"`
	EndIndex   int64  `json:"end_index"`
	// FileID is the file cited or written (file_citation, file_path,
	// container_file_citation); Filename its name (responses).
	FileID      string `json:"file_id,omitempty"`
	Filename    string `json:"filename,omitempty"`
	ContainerID string `json:"container_id,omitempty"`
	// URL and Title are a url_citation's (responses web search).
	URL   string `json:"url,omitempty"`
	Title string `json:"title,omitempty"`
}

// Reply is the assistant's answer in a run: its text and annotations.
type Reply struct {
	Text        string       `json:"text"`
	Annotations []Annotation `json:"annotations,omitempty"`
}
