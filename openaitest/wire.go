package openaitest

import (
	"encoding/json"
	"maps"
	"time"
)

// The wire* types are the spec's response objects. Fields the spec marks
// required but nullable have no omitempty, so they are sent as null.

type wireAssistant struct {
	ID             string            `json:"id"`
	Object         string            `json:"object"`
	CreatedAt      int64             `json:"created_at"`
	Name           *string           `json:"name"`
	Description    *string           `json:"description"`
	Model          string            `json:"model"`
	Instructions   *string           `json:"instructions"`
	Tools          []json.RawMessage `json:"tools"`
	ToolResources  json.RawMessage   `json:"tool_resources"`
	Metadata       map[string]string `json:"metadata"`
	Temperature    *float64          `json:"temperature"`
	TopP           *float64          `json:"top_p"`
	ResponseFormat json.RawMessage   `json:"response_format"`
}

type wireThread struct {
	ID            string            `json:"id"`
	Object        string            `json:"object"`
	CreatedAt     int64             `json:"created_at"`
	ToolResources json.RawMessage   `json:"tool_resources"`
	Metadata      map[string]string `json:"metadata"`
}

type wireMessage struct {
	ID                string            `json:"id"`
	Object            string            `json:"object"`
	CreatedAt         int64             `json:"created_at"`
	ThreadID          string            `json:"thread_id"`
	Status            string            `json:"status"`
	IncompleteDetails json.RawMessage   `json:"incomplete_details"`
	CompletedAt       *int64            `json:"completed_at"`
	IncompleteAt      *int64            `json:"incomplete_at"`
	Role              string            `json:"role"`
	Content           []json.RawMessage `json:"content"`
	AssistantID       *string           `json:"assistant_id"`
	RunID             *string           `json:"run_id"`
	Attachments       json.RawMessage   `json:"attachments"`
	Metadata          map[string]string `json:"metadata"`
}

type wireToolCall struct {
	ID       string       `json:"id"`
	Type     string       `json:"type"`
	Function wireFunction `json:"function"`
}

type wireFunction struct {
	Name      string `json:"name"`
	Arguments string `json:"arguments"`
}

type wireRequiredAction struct {
	Type              string `json:"type"`
	SubmitToolOutputs struct {
		ToolCalls []wireToolCall `json:"tool_calls"`
	} `json:"submit_tool_outputs"`
}

type wireIncomplete struct {
	Reason string `json:"reason"`
}

type wireRun struct {
	ID                  string              `json:"id"`
	Object              string              `json:"object"`
	CreatedAt           int64               `json:"created_at"`
	ThreadID            string              `json:"thread_id"`
	AssistantID         string              `json:"assistant_id"`
	Status              string              `json:"status"`
	RequiredAction      *wireRequiredAction `json:"required_action"`
	LastError           *runError           `json:"last_error"`
	ExpiresAt           *int64              `json:"expires_at"`
	StartedAt           *int64              `json:"started_at"`
	CancelledAt         *int64              `json:"cancelled_at"`
	FailedAt            *int64              `json:"failed_at"`
	CompletedAt         *int64              `json:"completed_at"`
	IncompleteDetails   *wireIncomplete     `json:"incomplete_details"`
	Model               string              `json:"model"`
	Instructions        string              `json:"instructions"`
	Tools               []json.RawMessage   `json:"tools"`
	Metadata            map[string]string   `json:"metadata"`
	Usage               *usage              `json:"usage"`
	Temperature         *float64            `json:"temperature"`
	TopP                *float64            `json:"top_p"`
	MaxPromptTokens     *int                `json:"max_prompt_tokens"`
	MaxCompletionTokens *int                `json:"max_completion_tokens"`
	TruncationStrategy  json.RawMessage     `json:"truncation_strategy"`
	ToolChoice          json.RawMessage     `json:"tool_choice"`
	ParallelToolCalls   bool                `json:"parallel_tool_calls"`
	ResponseFormat      json.RawMessage     `json:"response_format"`
}

type wireStep struct {
	ID          string            `json:"id"`
	Object      string            `json:"object"`
	CreatedAt   int64             `json:"created_at"`
	AssistantID string            `json:"assistant_id"`
	ThreadID    string            `json:"thread_id"`
	RunID       string            `json:"run_id"`
	Type        string            `json:"type"`
	Status      string            `json:"status"`
	StepDetails json.RawMessage   `json:"step_details"`
	LastError   *runError         `json:"last_error"`
	ExpiredAt   *int64            `json:"expired_at"`
	CancelledAt *int64            `json:"cancelled_at"`
	FailedAt    *int64            `json:"failed_at"`
	CompletedAt *int64            `json:"completed_at"`
	Metadata    map[string]string `json:"metadata"`
	Usage       *usage            `json:"usage"`
}

type wireDeleted struct {
	ID      string `json:"id"`
	Object  string `json:"object"`
	Deleted bool   `json:"deleted"`
}

// unix converts to the spec's Unix seconds.
func unix(t time.Time) int64 { return t.Unix() }

// unixPtr converts an optional time; nil stays null.
func unixPtr(t *time.Time) *int64 {
	if t == nil {
		return nil
	}
	v := t.Unix()
	return &v
}

// strPtr returns nil for "", so empty optional IDs are sent as null.
func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// orEmpty keeps required arrays and maps from being sent as null.
func orEmpty[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

// cloneMeta copies metadata, since the response is encoded after the lock is released.
func cloneMeta(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return maps.Clone(m)
}

func (a *assistant) wire() wireAssistant {
	return wireAssistant{ID: a.id, Object: "assistant", CreatedAt: unix(a.createdAt), Name: a.name,
		Description: a.description, Model: a.model, Instructions: a.instructions, Tools: orEmpty(a.tools),
		ToolResources: a.toolResources, Metadata: cloneMeta(a.metadata), Temperature: a.temperature,
		TopP: a.topP, ResponseFormat: orRaw(a.responseFormat, `"auto"`)}
}

func (t *thread) wire() wireThread {
	return wireThread{ID: t.id, Object: "thread", CreatedAt: unix(t.createdAt),
		ToolResources: t.toolResources, Metadata: cloneMeta(t.metadata)}
}

func (m *message) wire() wireMessage {
	done := unix(m.createdAt)
	return wireMessage{ID: m.id, Object: "thread.message", CreatedAt: done, ThreadID: m.threadID,
		Status: "completed", CompletedAt: &done, Role: m.role, Content: orEmpty(m.content),
		AssistantID: strPtr(m.assistantID), RunID: strPtr(m.runID),
		Attachments: orRaw(m.attachments, `[]`), Metadata: cloneMeta(m.metadata)}
}

// orRaw returns raw, or def when raw is absent or null.
func orRaw(raw json.RawMessage, def string) json.RawMessage {
	if len(raw) == 0 || string(raw) == "null" {
		return json.RawMessage(def)
	}
	return raw
}
