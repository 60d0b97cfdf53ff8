package assistant

// CreateAssistantInput creates an assistant carrying the worker's tools.
type CreateAssistantInput struct {
	Name         string `json:"name"`
	Model        string `json:"model"`
	Instructions string `json:"instructions,omitempty"`
	// Tools are filled by the activity from the worker's registry.
	Tools []ToolDefinition `json:"-"`
}
