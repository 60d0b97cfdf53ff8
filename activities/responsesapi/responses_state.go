package responsesapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// wireResponse is the part of the spec's Response this backend reads. It is
// decoded from the raw body rather than through openai-go's unions, which
// would make every field access a type switch.
type wireResponse struct {
	ID           string            `json:"id"`
	Status       string            `json:"status"`
	Model        string            `json:"model"`
	Instructions json.RawMessage   `json:"instructions"`
	Metadata     map[string]string `json:"metadata"`
	Conversation *struct {
		ID string `json:"id"`
	} `json:"conversation"`
	Error *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
	IncompleteDetails *struct {
		Reason string `json:"reason"`
	} `json:"incomplete_details"`
	Output []wireItem `json:"output"`
	Usage  *struct {
		InputTokens  int64 `json:"input_tokens"`
		OutputTokens int64 `json:"output_tokens"`
		TotalTokens  int64 `json:"total_tokens"`
	} `json:"usage"`
}

// wireItem is a response output item or conversation item: a message, a
// function_call or a function_call_output (other types are skipped).
type wireItem struct {
	ID        string `json:"id"`
	Type      string `json:"type"`
	Role      string `json:"role"`
	CallID    string `json:"call_id"`
	Name      string `json:"name"`
	Arguments string `json:"arguments"`
	Status    string `json:"status"`
	// Code, Outputs and Results are a code_interpreter_call's or
	// file_search_call's, read for the run's steps.
	Code    string `json:"code"`
	Outputs []struct {
		Type string `json:"type"`
		Logs string `json:"logs"`
	} `json:"outputs"`
	Results []struct {
		FileID string `json:"file_id"`
	} `json:"results"`
	Content []struct {
		Type        string           `json:"type"`
		Text        string           `json:"text"`
		Annotations []wireAnnotation `json:"annotations"`
	} `json:"content"`
}

// text joins the item's text parts (input_text or output_text).
func (it wireItem) text() string {
	var parts []string
	for _, c := range it.Content {
		if c.Type == "input_text" || c.Type == "output_text" || c.Type == "text" {
			parts = append(parts, c.Text)
		}
	}
	return strings.Join(parts, "\n")
}

// usage is the response's own token usage.
func (w wireResponse) usage() assistant.Usage {
	if w.Usage == nil {
		return assistant.Usage{}
	}
	return assistant.Usage{PromptTokens: w.Usage.InputTokens, CompletionTokens: w.Usage.OutputTokens, TotalTokens: w.Usage.TotalTokens}
}

// instructions returns the response's instructions when they are a string.
func (w wireResponse) instructions() string {
	var s string
	_ = json.Unmarshal(w.Instructions, &s)
	return s
}

// responseState translates a raw response body into the run's state. The
// run's usage is this response's plus that of the earlier responses of the
// same run, carried in its metadata.
func responseState(raw string, httpResp *http.Response) (assistant.RunState, error) {
	w, err := decodeResponse(raw)
	if err != nil {
		return assistant.RunState{}, err
	}
	st := assistant.RunState{APIRunID: w.ID, PollAfterMs: activities.PollAfterMs(httpResp), Model: w.Model}
	if w.Conversation != nil {
		st.ThreadID = w.Conversation.ID
	}
	st.Usage = parseTag(w.Metadata).Prior.Add(w.usage())
	switch w.Status {
	case "queued", "in_progress", "cancelled", "failed":
		st.Status = assistant.RunStatus(w.Status)
	case "incomplete":
		st.Status = assistant.StatusIncomplete
		if w.IncompleteDetails != nil {
			st.IncompleteReason = w.IncompleteDetails.Reason
		}
	case "completed":
		settle(&st, w.Output)
	default:
		return assistant.RunState{}, activities.UnknownState(w.ID, fmt.Errorf("unknown response status %q", w.Status))
	}
	if w.Error != nil && (w.Error.Code != "" || w.Error.Message != "") {
		st.LastError = &assistant.RunError{Code: w.Error.Code, Message: w.Error.Message}
	}
	return st, nil
}

// settle reads a finished turn from its output items: function calls still
// unanswered make it requires_action, otherwise it completed with the text
// of the assistant messages as its reply.
func settle(st *assistant.RunState, items []wireItem) {
	answered := map[string]bool{}
	for _, it := range items {
		if it.Type == "function_call_output" {
			answered[it.CallID] = true
		}
	}
	reply := assistant.Reply{}
	st.ToolCalls, st.Steps = nil, itemSteps(items)
	for _, it := range items {
		switch {
		case it.Type == "function_call" && !answered[it.CallID]:
			st.ToolCalls = append(st.ToolCalls, assistant.ToolCall{ID: it.CallID, Name: it.Name, Arguments: it.Arguments})
		case it.Type == "message" && it.Role == "assistant":
			it.addReply(&reply)
		}
	}
	if len(st.ToolCalls) > 0 {
		st.Status = assistant.StatusRequiresAction
		return
	}
	st.Status, st.Reply = assistant.StatusCompleted, &reply
}

// decodeResponse reads a raw response body; an unreadable one fails for good.
func decodeResponse(raw string) (wireResponse, error) {
	var w wireResponse
	if err := json.Unmarshal([]byte(raw), &w); err != nil {
		return w, activities.UnknownState("(unreadable response)", fmt.Errorf("decode response: %w", err))
	}
	return w, nil
}
