package assistant

// RunOverrides change, for one run, what the assistant (or the profile, on
// the responses protocol) would otherwise use: the per-run options of the
// seeds' createRun. Every field is optional; the zero value changes nothing.
// RunRequest.Instructions is the seeds' additional_instructions (appended to
// the assistant's); Instructions here replaces them.
type RunOverrides struct {
	// Model replaces the assistant's model.
	Model string `json:"model,omitempty"`
	// Instructions replace the assistant's instructions (a pointer, so that
	// empty instructions can be asked for).
	Instructions *string `json:"instructions,omitempty"`
	// AdditionalMessages are added to the thread before the run's message,
	// in order (a few turns of context, an example answer).
	AdditionalMessages []Message `json:"additional_messages,omitempty"`
	// Tools restricts the run to these of the worker's registered tools, by
	// name; nil offers the assistant's (on responses: every registered) tool.
	Tools []string `json:"tools,omitempty"`
	// ToolChoice is "auto", "none", "required", or the name of one tool the
	// model must call.
	ToolChoice        string   `json:"tool_choice,omitempty"`
	ParallelToolCalls *bool    `json:"parallel_tool_calls,omitempty"`
	Temperature       *float64 `json:"temperature,omitempty"`
	TopP              *float64 `json:"top_p,omitempty"`
	// ResponseFormat asks for JSON, or for JSON following a schema
	// (structured output; client.RunAs derives it from a Go type).
	ResponseFormat     *ResponseFormat     `json:"response_format,omitempty"`
	TruncationStrategy *TruncationStrategy `json:"truncation_strategy,omitempty"`
	// MaxPromptTokens and MaxCompletionTokens cap the run's tokens over all
	// its steps; 0 leaves them to the API. The API's minimum is 256.
	MaxPromptTokens     int64 `json:"max_prompt_tokens,omitempty"`
	MaxCompletionTokens int64 `json:"max_completion_tokens,omitempty"`
}

// Message is one message given to the model besides the run's own.
type Message struct {
	Role    Role   `json:"role"`
	Content string `json:"content"`
	// Attachments and Images are the message's files, as RunRequest's.
	Attachments []Attachment `json:"attachments,omitempty"`
	Images      []ImagePart  `json:"images,omitempty"`
}

// Role is who wrote a Message.
type Role string

// The roles a message given to a run may have.
const (
	RoleUser      Role = "user"
	RoleAssistant Role = "assistant"
)

// The tool choices besides naming one tool.
const (
	ToolChoiceAuto     = "auto"
	ToolChoiceNone     = "none"
	ToolChoiceRequired = "required"
)

// ResponseFormat is the form of the model's answer.
type ResponseFormat struct {
	// Type is "text", "json_object" or "json_schema".
	Type       string      `json:"type"`
	JSONSchema *JSONSchema `json:"json_schema,omitempty"`
}

// The response format types.
const (
	FormatText       = "text"
	FormatJSONObject = "json_object"
	FormatJSONSchema = "json_schema"
)

// JSONSchema is the schema structured output follows.
type JSONSchema struct {
	Name        string         `json:"name"`
	Description string         `json:"description,omitempty"`
	Schema      map[string]any `json:"schema"`
	// Strict makes the API hold the answer to the schema exactly (the schema
	// must then be in strict form: every property required, no others).
	Strict bool `json:"strict,omitempty"`
}

// TruncationStrategy is how the thread is cut to fit the model's context.
type TruncationStrategy struct {
	// Type is "auto" or "last_messages".
	Type string `json:"type"`
	// LastMessages is how many of the newest messages the run sees
	// (Type "last_messages" only).
	LastMessages int64 `json:"last_messages,omitempty"`
}

// The truncation strategies.
const (
	TruncationAuto         = "auto"
	TruncationLastMessages = "last_messages"
)

// JSONSchemaFormat is the response format of structured output.
func JSONSchemaFormat(name string, schema map[string]any, strict bool) *ResponseFormat {
	return &ResponseFormat{Type: FormatJSONSchema, JSONSchema: &JSONSchema{Name: name, Schema: schema, Strict: strict}}
}
