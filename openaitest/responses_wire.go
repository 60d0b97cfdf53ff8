package openaitest

import "encoding/json"

// wireResponse is the spec's Response object. Fields the spec marks required
// but nullable have no omitempty, so they are sent as null.
type wireResponse struct {
	ID                 string               `json:"id"`
	Object             string               `json:"object"`
	CreatedAt          int64                `json:"created_at"`
	Status             string               `json:"status"`
	CompletedAt        *int64               `json:"completed_at"`
	Error              *runError            `json:"error"`
	IncompleteDetails  *wireIncomplete      `json:"incomplete_details"`
	Instructions       *string              `json:"instructions"`
	Model              string               `json:"model"`
	Output             []map[string]any     `json:"output"`
	ParallelToolCalls  bool                 `json:"parallel_tool_calls"`
	Metadata           map[string]string    `json:"metadata"`
	ToolChoice         json.RawMessage      `json:"tool_choice"`
	Tools              []json.RawMessage    `json:"tools"`
	Temperature        float64              `json:"temperature"`
	TopP               float64              `json:"top_p"`
	Background         bool                 `json:"background"`
	Store              bool                 `json:"store"`
	Conversation       *wireConversationRef `json:"conversation"`
	PreviousResponseID *string              `json:"previous_response_id"`
	MaxOutputTokens    *int                 `json:"max_output_tokens"`
	Truncation         string               `json:"truncation"`
	Text               json.RawMessage      `json:"text,omitempty"`
	// Usage is absent until the model has answered: the spec's
	// Response.usage is optional but not nullable.
	Usage *wireResponseUsage `json:"usage,omitempty"`
}

// wireConversationRef is the spec's ResponseConversation.
type wireConversationRef struct {
	ID string `json:"id"`
}

// wireResponseUsage is the spec's ResponseUsage.
type wireResponseUsage struct {
	InputTokens         int            `json:"input_tokens"`
	InputTokensDetails  map[string]int `json:"input_tokens_details"`
	OutputTokens        int            `json:"output_tokens"`
	OutputTokensDetails map[string]int `json:"output_tokens_details"`
	TotalTokens         int            `json:"total_tokens"`
}

// wire renders the response; it must be advanced to now first.
func (resp *response) wire() wireResponse {
	w := wireResponse{ID: resp.id, Object: "response", CreatedAt: unix(resp.createdAt), Status: resp.status,
		CompletedAt: unixPtr(resp.completedAt), Error: resp.lastError, Instructions: resp.instructions,
		Model: resp.model, Output: make([]map[string]any, len(resp.output)), ParallelToolCalls: resp.parallel,
		Metadata: cloneMeta(resp.metadata), Tools: orEmpty(resp.tools), Background: resp.background, Store: resp.store}
	resp.wireSettings(&w)
	for i, it := range resp.output {
		w.Output[i] = it.wire()
	}
	if resp.conv != nil {
		w.Conversation = &wireConversationRef{ID: resp.conv.id}
	}
	if resp.incomplete != "" {
		w.IncompleteDetails = &wireIncomplete{Reason: resp.incomplete}
	}
	if u := resp.usage; u != nil {
		w.Usage = &wireResponseUsage{InputTokens: u.PromptTokens, OutputTokens: u.CompletionTokens,
			TotalTokens: u.TotalTokens, InputTokensDetails: map[string]int{"cached_tokens": 0, "cache_write_tokens": 0},
			OutputTokensDetails: map[string]int{"reasoning_tokens": 0}}
	}
	return w
}
