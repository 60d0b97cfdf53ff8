package openaitest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// item is one conversation or response item: a message, a function_call or a
// function_call_output. The same item appears in a response's input or
// output and in its conversation, with the same ID, as in the real API.
type item struct {
	id        string
	kind      string // message, function_call or function_call_output
	createdAt time.Time
	role      string // messages: user, assistant, system or developer
	text      string // messages: the text parts joined
	callID    string // function_call and function_call_output
	name      string // function_call
	arguments string // function_call
	output    string // function_call_output
	// parts are a message's input_image and input_file parts (wire shape),
	// after its text; files the files they name; annotations those of an
	// assistant message's text (files_items.go, files_reply.go).
	parts       []any
	files       []fileRef
	annotations []any
}

// wire renders the item in the spec's ConversationItem / OutputItem shape.
func (it *item) wire() map[string]any {
	w := map[string]any{"id": it.id, "type": it.kind, "status": "completed"}
	switch it.kind {
	case "message":
		part := map[string]any{"type": "input_text", "text": it.text}
		if it.role == "assistant" {
			part = map[string]any{"type": "output_text", "text": it.text, "annotations": orNone(it.annotations), "logprobs": []any{}}
		}
		w["role"], w["content"] = it.role, append([]any{part}, it.parts...)
	case "function_call":
		w["call_id"], w["name"], w["arguments"] = it.callID, it.name, it.arguments
	case "function_call_output":
		w["call_id"], w["output"] = it.callID, it.output
	}
	return w
}

// itemInput is one input item as requests send it (EasyInputMessage,
// InputMessage, FunctionCallOutputItemParam).
type itemInput struct {
	Type    string          `json:"type"`
	Role    string          `json:"role"`
	Content json.RawMessage `json:"content"`
	CallID  string          `json:"call_id"`
	Output  json.RawMessage `json:"output"`
}

// parseItems validates raw input items against conversation c (nil for a
// response without one). outputs says whether function_call_output items are
// allowed (response input only). Call with s.mu held.
func (s *Server) parseItems(c *conversation, raws []json.RawMessage, param string, outputs bool) ([]*item, *apiError) {
	var out []*item
	answered := map[string]bool{}
	for i, raw := range raws {
		p := fmt.Sprintf("%s[%d]", param, i)
		var in itemInput
		if json.Unmarshal(raw, &in) != nil {
			return nil, invalid(p, "Invalid '%s': expected an input item object.", p)
		}
		it, err := s.parseItem(c, in, p, outputs)
		if err != nil {
			return nil, err
		}
		if it.kind == "function_call_output" {
			if answered[it.callID] {
				return nil, invalid(p+".call_id", "Duplicate function call output for call_id %s.", it.callID)
			}
			answered[it.callID] = true
		}
		out = append(out, it)
	}
	return out, nil
}

// parseItem validates one input item.
func (s *Server) parseItem(c *conversation, in itemInput, p string, outputs bool) (*item, *apiError) {
	switch in.Type {
	case "", "message":
		it, err := parseMessageItem(in, p)
		if err == nil {
			err = s.checkFiles(it.files)
		}
		return it, err
	case "function_call_output":
		if !outputs {
			return nil, invalid(p+".type", "Invalid value: 'function_call_output'. Only messages can be added here.")
		}
		var text string
		if json.Unmarshal(in.Output, &text) != nil {
			return nil, invalid(p+".output", "Invalid '%s.output': expected a string.", p)
		}
		if c == nil || c.pendingCall(in.CallID) == nil {
			return nil, invalid("input", "No tool call found for function call output with call_id %s.", in.CallID)
		}
		return &item{id: newID("fco"), kind: "function_call_output", callID: in.CallID, output: text}, nil
	default:
		return nil, invalid(p+".type", "Invalid value: '%s'. openaitest supports 'message' and 'function_call_output' items.", in.Type)
	}
}

// parseMessageItem reads a message whose content is a string or input_text parts.
func parseMessageItem(in itemInput, p string) (*item, *apiError) {
	switch in.Role {
	case "user", "assistant", "system", "developer":
	default:
		return nil, invalid(p+".role", "Invalid value: '%s'. Supported values are: 'user', 'assistant', 'system', and 'developer'.", in.Role)
	}
	it := &item{id: newID("msg"), kind: "message", role: in.Role}
	if json.Unmarshal(in.Content, &it.text) != nil {
		var raws []json.RawMessage
		if json.Unmarshal(in.Content, &raws) != nil || len(raws) == 0 {
			return nil, invalid(p+".content", "Invalid '%s.content': expected a string or a non-empty array of content parts.", p)
		}
		if err := it.readParts(p+".content", raws); err != nil {
			return nil, err
		}
	}
	if it.text == "" && len(it.parts) == 0 {
		return nil, invalid(p+".content", "Invalid '%s.content': string too short. Expected a string with minimum length 1, but got an empty string instead.", p)
	}
	return it, nil
}

// readParts reads a message's content parts: text parts joined into text,
// image and file parts kept (user messages only) with the files they name.
func (it *item) readParts(p string, raws []json.RawMessage) *apiError {
	var texts []string
	for j, raw := range raws {
		pj := fmt.Sprintf("%s[%d]", p, j)
		var part struct {
			Type string `json:"type"`
			Text string `json:"text"`
		}
		_ = json.Unmarshal(raw, &part)
		switch {
		case part.Type == "input_text" || part.Type == "output_text":
			texts = append(texts, part.Text)
			continue
		case it.role != "user" && (part.Type == "input_image" || part.Type == "input_file"):
			return invalid(pj+".type", "Invalid value: '%s'. Only user messages take '%s' parts.", part.Type, part.Type)
		}
		wire, ref, named, err := inputFilePart(pj, raw)
		if err != nil {
			return err
		}
		it.parts = append(it.parts, wire)
		if named {
			it.files = append(it.files, ref)
		}
	}
	it.text = strings.Join(texts, "\n")
	return nil
}

// orNone is a nil list as an empty one, for wire fields that are required.
func orNone(l []any) []any {
	if l == nil {
		return []any{}
	}
	return l
}

// pendingCall returns the function_call with callID that has no output yet.
func (c *conversation) pendingCall(callID string) *item {
	var call *item
	for _, it := range c.items {
		switch {
		case it.kind == "function_call" && it.callID == callID:
			call = it
		case it.kind == "function_call_output" && it.callID == callID:
			call = nil
		}
	}
	return call
}

// addItems appends items to c and counts the user messages.
func (s *Server) addItems(c *conversation, items []*item) {
	now := s.opts.Now()
	for _, it := range items {
		it.createdAt = now
		c.items = append(c.items, it)
		if it.kind == "message" && it.role == "user" {
			s.stats.UserMessagesCreated++
		}
	}
}

func (s *Server) listItems(r *http.Request) (result, *apiError) {
	q, err := parseList(r)
	if err != nil {
		return result{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.lookupConversation(r.PathValue("conversation_id"))
	if err != nil {
		return result{}, err
	}
	page, err := paginate(c.items, func(it *item) string { return it.id }, (*item).wire, q)
	return result{body: page}, err
}

func (s *Server) createItems(r *http.Request) (result, *apiError) {
	var in struct {
		Items []json.RawMessage `json:"items"`
	}
	if err := decode(r, &in); err != nil {
		return result{}, err
	}
	if len(in.Items) == 0 || len(in.Items) > 20 {
		return result{}, invalid("items", "Invalid 'items': expected an array with 1 to 20 items.")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.lookupConversation(r.PathValue("conversation_id"))
	if err != nil {
		return result{}, err
	}
	if c.locked() {
		return result{}, conversationLocked()
	}
	items, err := s.parseItems(c, in.Items, "items", false)
	if err != nil {
		return result{}, err
	}
	s.addItems(c, items)
	page, _ := paginate(items, func(it *item) string { return it.id }, (*item).wire, listQuery{limit: len(items)})
	return result{body: page, op: "conversation.items.create", id: c.id}, nil
}

// findItem returns c's item with id, or nil.
func (c *conversation) findItem(id string) *item {
	i := slices.IndexFunc(c.items, func(it *item) bool { return it.id == id })
	if i < 0 {
		return nil
	}
	return c.items[i]
}
