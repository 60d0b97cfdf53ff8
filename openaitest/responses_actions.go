package openaitest

import (
	"net/http"
	"slices"
)

// getResponse reads a response, or with stream=true streams its events
// (after starting_after) and on until it ends.
func (s *Server) getResponse(r *http.Request) (result, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	resp, err := s.lookupResponse(r.PathValue("response_id"))
	if err != nil {
		return result{}, err
	}
	rs, err := streamAfter(r, resp)
	if err != nil {
		return result{}, err
	}
	if rs != nil {
		s.stats.ResponseStreamsResumed++
	}
	return result{body: resp.wire(), pollAfter: true, responseStream: rs}, nil
}

// cancelResponse cancels a background response still running; cancelling a
// cancelled one again answers it unchanged, like the real API.
func (s *Server) cancelResponse(r *http.Request) (result, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	resp, err := s.lookupResponse(r.PathValue("response_id"))
	if err != nil {
		return result{}, err
	}
	switch {
	case !resp.background:
		return result{}, invalid("", "Only responses created with background=true can be cancelled.")
	case resp.status == respCancelled:
		return result{body: resp.wire(), pollAfter: true}, nil
	case isResponseDone(resp.status):
		return result{}, invalid("", "Cannot cancel a response with status '%s'.", resp.status)
	}
	resp.status = respCancelled
	resp.usage = newUsage(countWords(resp.script.input), 0)
	s.stats.RunsCancelled++
	s.stats.ResponsesCancelled++
	return result{body: resp.wire(), op: "response.cancel", id: resp.id, pollAfter: true}, nil
}

func (s *Server) listInputItems(r *http.Request) (result, *apiError) {
	q, err := parseList(r)
	if err != nil {
		return result{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	resp, err := s.lookupResponse(r.PathValue("response_id"))
	if err != nil {
		return result{}, err
	}
	page, err := paginate(resp.input, func(it *item) string { return it.id }, (*item).wire, q)
	return result{body: page}, err
}

func (s *Server) getItem(r *http.Request) (result, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, it, err := s.lookupItem(r)
	if err != nil {
		return result{}, err
	}
	return result{body: it.wire()}, nil
}

// lookupItem finds the request's conversation and item, or answers 404.
// Call with s.mu held.
func (s *Server) lookupItem(r *http.Request) (*conversation, *item, *apiError) {
	c, err := s.lookupConversation(r.PathValue("conversation_id"))
	if err != nil {
		return nil, nil, err
	}
	id := r.PathValue("item_id")
	it := c.findItem(id)
	if it == nil {
		return nil, nil, notFound("item", id)
	}
	return c, it, nil
}

// deleteItem removes an item from a conversation and answers the
// conversation, as the spec's deleteConversationItem does. A running response
// locks the conversation against it as against new items: the response still
// reads the conversation (the names of its function calls) when it answers.
func (s *Server) deleteItem(r *http.Request) (result, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, it, err := s.lookupItem(r)
	if err != nil {
		return result{}, err
	}
	if c.locked() {
		return result{}, conversationLocked()
	}
	c.items = slices.DeleteFunc(c.items, func(x *item) bool { return x == it })
	return result{body: c.wire()}, nil
}

// deleteResponse forgets a stored response. Its items stay in its
// conversation, which they belong to as much as to the response; one still
// running finishes there (deleting is not cancelling) and keeps the
// conversation locked until it does. The spec declares no body and openai-go
// discards it; the body is the spec's example, {id, object: "response",
// deleted: true}.
func (s *Server) deleteResponse(r *http.Request) (result, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	resp, err := s.lookupResponse(r.PathValue("response_id"))
	if err != nil {
		return result{}, err
	}
	delete(s.rs.responses, resp.id)
	return result{body: wireDeleted{ID: resp.id, Object: "response", Deleted: true}}, nil
}

// lookupResponse finds a stored response advanced to now, or answers 404.
// Call with s.mu held.
func (s *Server) lookupResponse(id string) (*response, *apiError) {
	resp := s.rs.responses[id]
	if resp == nil {
		return nil, notFound("response", id)
	}
	s.advanceResponse(resp, s.opts.Now())
	return resp, nil
}
