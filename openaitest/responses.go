package openaitest

import (
	"encoding/json"
	"net/http"
	"time"
)

// Response statuses, as enumerated by the spec's Response.status.
const (
	respQueued     = "queued"
	respInProgress = "in_progress"
	respCompleted  = "completed"
	respFailed     = "failed"
	respCancelled  = "cancelled"
	respIncomplete = "incomplete"
)

// isResponseDone reports whether a response in status can no longer change.
func isResponseDone(status string) bool {
	return status != respQueued && status != respInProgress
}

// response is a stored response. The fields below "progress" drive the lazy
// state machine in responses_progress.go, which reuses the scripted model.
type response struct {
	id           string
	createdAt    time.Time
	model        string
	instructions *string
	tools        []json.RawMessage
	metadata     map[string]string
	background   bool
	store        bool
	parallel     bool
	settings     responseSettings
	conv         *conversation // nil for a response without a conversation
	input        []*item

	// progress
	status      string
	script      script
	startAt     time.Time
	answerAt    time.Time
	completedAt *time.Time
	output      []*item
	lastError   *runError
	incomplete  string
	usage       *usage
}

// responseInput is the spec's CreateResponse, as far as the emulator reads it.
type responseInput struct {
	Model              string            `json:"model"`
	Input              json.RawMessage   `json:"input"`
	Instructions       *string           `json:"instructions"`
	Tools              []json.RawMessage `json:"tools"`
	Conversation       json.RawMessage   `json:"conversation"`
	PreviousResponseID *string           `json:"previous_response_id"`
	Background         *bool             `json:"background"`
	Store              *bool             `json:"store"`
	Stream             *bool             `json:"stream"`
	ParallelToolCalls  *bool             `json:"parallel_tool_calls"`
	Metadata           map[string]string `json:"metadata"`
	responseSettings
}

// validate checks everything that does not need the store.
func (in responseInput) validate() *apiError {
	switch {
	case in.Model == "":
		return invalid("model", "Missing required parameter: 'model'.")
	case in.Background != nil && *in.Background && in.Store != nil && !*in.Store:
		return invalid("background", "Background mode requires 'store' to be true.")
	case in.PreviousResponseID != nil && len(in.Conversation) > 0:
		return invalid("previous_response_id", "Mutually exclusive parameters: Ensure you are only providing one of: 'previous_response_id' or 'conversation'.")
	case in.PreviousResponseID != nil:
		return invalid("previous_response_id", "openaitest does not emulate previous_response_id; use a conversation.")
	case len(in.Tools) > 128:
		return invalid("tools", "Invalid 'tools': array too long. Expected an array with maximum length 128.")
	}
	if err := in.responseSettings.validate(); err != nil {
		return err
	}
	return checkMetadata("metadata", in.Metadata)
}

// conversationID reads conversation as a string or {"id": ...}; "" when absent.
func (in responseInput) conversationID() (string, *apiError) {
	if len(in.Conversation) == 0 || string(in.Conversation) == "null" {
		return "", nil
	}
	var id string
	if json.Unmarshal(in.Conversation, &id) == nil && id != "" {
		return id, nil
	}
	var obj struct {
		ID string `json:"id"`
	}
	if json.Unmarshal(in.Conversation, &obj) == nil && obj.ID != "" {
		return obj.ID, nil
	}
	return "", invalid("conversation", "Invalid 'conversation': expected a conversation ID or an object with an 'id'.")
}

// inputItems reads input as a string (one user message) or an item list.
func (s *Server) inputItems(c *conversation, raw json.RawMessage) ([]*item, *apiError) {
	var text string
	if json.Unmarshal(raw, &text) == nil {
		if text == "" {
			return nil, invalid("input", "Invalid 'input': string too short. Expected a string with minimum length 1.")
		}
		return []*item{{id: newID("msg"), kind: "message", role: "user", text: text}}, nil
	}
	var raws []json.RawMessage
	if json.Unmarshal(raw, &raws) != nil || len(raws) == 0 {
		return nil, invalid("input", "Invalid 'input': expected a string or a non-empty array of input items.")
	}
	return s.parseItems(c, raws, "input", true)
}

func (s *Server) createResponse(r *http.Request) (result, *apiError) {
	var in responseInput
	if err := decode(r, &in); err != nil {
		return result{}, err
	}
	if err := in.validate(); err != nil {
		return result{}, err
	}
	convID, err := in.conversationID()
	if err != nil {
		return result{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var c *conversation
	if convID != "" {
		if c, err = s.lookupConversation(convID); err != nil {
			return result{}, err
		}
		if c.locked() {
			return result{}, conversationLocked()
		}
	}
	items, err := s.inputItems(c, in.Input)
	if err != nil {
		return result{}, err
	}
	toolRefs, err := toolFiles(in.Tools)
	if err == nil {
		err = s.checkFiles(toolRefs)
	}
	if err != nil {
		return result{}, err
	}
	resp := s.startResponse(c, in, items)
	res := result{body: resp.wire(), op: "response.create", id: resp.id, pollAfter: true}
	if in.Stream != nil && *in.Stream {
		res.responseStream = &respStream{resp: resp, after: -1}
	}
	return res, nil
}

// startResponse stores a new response and schedules the model's answer. Its
// input joins the conversation at once, so the conversation shows what was
// consumed even while the response runs. Call with s.mu held.
func (s *Server) startResponse(c *conversation, in responseInput, items []*item) *response {
	now := s.opts.Now()
	resp := &response{id: newID("resp"), createdAt: now, model: in.Model, instructions: in.Instructions,
		tools: in.Tools, metadata: in.Metadata, background: in.Background != nil && *in.Background,
		store: in.Store == nil || *in.Store, parallel: in.ParallelToolCalls == nil || *in.ParallelToolCalls,
		settings: in.responseSettings, conv: c, input: items}
	resp.script = parseScript(userText(items))
	resp.script.files = userFiles(items)
	if refs, err := toolFiles(in.Tools); err == nil { // checked by the caller
		resp.script.files = append(resp.script.files, refs...)
	}
	latency := s.opts.ModelLatency
	if resp.script.hasLatency {
		latency = resp.script.latency
	}
	resp.status, resp.startAt, resp.answerAt = respQueued, now.Add(latency/2), now.Add(latency)
	if !resp.background {
		// A foreground create answers only when the model is done.
		resp.startAt, resp.answerAt = now, now
	}
	if resp.store {
		s.rs.responses[resp.id] = resp
	}
	if c != nil {
		s.addItems(c, items)
		c.active = resp
	}
	s.countResponse(c, items)
	s.advanceResponse(resp, now)
	return resp
}

// countResponse keeps the protocol-neutral counters meaningful: a response
// that carries tool outputs is a submission, any other one starts a turn.
func (s *Server) countResponse(c *conversation, items []*item) {
	s.stats.ResponsesCreated++
	outputs := 0
	for _, it := range items {
		if it.kind == "function_call_output" {
			outputs++
		}
	}
	if outputs > 0 {
		s.stats.ToolOutputSubmissions++
		s.stats.FunctionCallOutputsSubmitted += outputs
		return
	}
	s.stats.RunsCreated++
	if c != nil {
		s.stats.RunsPerThread[c.id]++
	}
}

// userText joins the text of the user messages, which the scripted model reads.
func userText(items []*item) string {
	text := ""
	for _, it := range items {
		if it.kind == "message" && it.role == "user" {
			text = joinLines(text, it.text)
		}
	}
	return text
}

func joinLines(a, b string) string {
	if a == "" {
		return b
	}
	return a + "\n" + b
}
