package openaitest

import (
	"encoding/json"
	"net/http"
	"time"
)

// responsesStore holds the Responses-protocol state (conversations and
// responses); Server.mu guards it like the Assistants store.
type responsesStore struct {
	conversations map[string]*conversation
	responses     map[string]*response
}

func newResponsesStore() responsesStore {
	return responsesStore{conversations: map[string]*conversation{}, responses: map[string]*response{}}
}

// conversation is a stored conversation: its items in the order they were added.
type conversation struct {
	id        string
	createdAt time.Time
	metadata  map[string]string
	items     []*item
	// active is the response that locks the conversation while it runs.
	active *response
}

// wireConversation is the spec's ConversationResource.
type wireConversation struct {
	ID        string            `json:"id"`
	Object    string            `json:"object"`
	CreatedAt int64             `json:"created_at"`
	Metadata  map[string]string `json:"metadata"`
}

func (c *conversation) wire() wireConversation {
	return wireConversation{ID: c.id, Object: "conversation", CreatedAt: unix(c.createdAt), Metadata: cloneMeta(c.metadata)}
}

// locked reports whether a response still runs on c; the real API then
// refuses new responses and items with conversation_locked.
func (c *conversation) locked() bool {
	return c.active != nil && !isResponseDone(c.active.status)
}

// conversationLocked is the real API's answer to a second response (or new
// items) while one is in progress on the conversation.
func conversationLocked() *apiError {
	code, param := "conversation_locked", "conversation"
	return &apiError{status: http.StatusBadRequest, Type: "invalid_request_error", Param: &param, Code: &code,
		Message: "Another process is currently operating on this conversation. Please retry in a few seconds."}
}

func (s *Server) createConversation(r *http.Request) (result, *apiError) {
	var in struct {
		Items    []json.RawMessage `json:"items"`
		Metadata map[string]string `json:"metadata"`
	}
	if err := decode(r, &in); err != nil {
		return result{}, err
	}
	if len(in.Items) > 20 {
		return result{}, invalid("items", "Invalid 'items': array too long. Expected an array with maximum length 20, but got an array with length %d instead.", len(in.Items))
	}
	if err := checkMetadata("metadata", in.Metadata); err != nil {
		return result{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := &conversation{id: newID("conv"), createdAt: s.opts.Now(), metadata: in.Metadata}
	items, err := s.parseItems(c, in.Items, "items", false)
	if err != nil {
		return result{}, err
	}
	s.rs.conversations[c.id] = c
	s.stats.ThreadsCreated++
	s.stats.ConversationsCreated++
	s.addItems(c, items)
	return result{body: c.wire(), op: "conversation.create", id: c.id}, nil
}

func (s *Server) getConversation(r *http.Request) (result, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.lookupConversation(r.PathValue("conversation_id"))
	if err != nil {
		return result{}, err
	}
	return result{body: c.wire()}, nil
}

func (s *Server) updateConversation(r *http.Request) (result, *apiError) {
	var in struct {
		Metadata *map[string]string `json:"metadata"`
	}
	if err := decode(r, &in); err != nil {
		return result{}, err
	}
	if in.Metadata == nil {
		return result{}, invalid("metadata", "Missing required parameter: 'metadata'.")
	}
	if err := checkMetadata("metadata", *in.Metadata); err != nil {
		return result{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.lookupConversation(r.PathValue("conversation_id"))
	if err != nil {
		return result{}, err
	}
	c.metadata = *in.Metadata
	return result{body: c.wire()}, nil
}

func (s *Server) deleteConversation(r *http.Request) (result, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.lookupConversation(r.PathValue("conversation_id"))
	if err != nil {
		return result{}, err
	}
	delete(s.rs.conversations, c.id)
	return result{body: wireDeleted{ID: c.id, Object: "conversation.deleted", Deleted: true}}, nil
}

// lookupConversation finds a conversation, brings its running response up to
// now, or answers 404. Call with s.mu held.
func (s *Server) lookupConversation(id string) (*conversation, *apiError) {
	c := s.rs.conversations[id]
	if c == nil {
		return nil, notFound("conversation", id)
	}
	if c.active != nil {
		s.advanceResponse(c.active, s.opts.Now())
	}
	return c, nil
}
