package openaitest

import (
	"net/http"
	"slices"
)

func (s *Server) createMessage(r *http.Request) (result, *apiError) {
	var in messageInput
	if err := decode(r, &in); err != nil {
		return result{}, err
	}
	if in.Content == nil {
		return result{}, invalid("content", "Missing required parameter: 'content'.")
	}
	msgs, err := s.newMessages([]messageInput{in}, "messages")
	if err != nil {
		err.Param = trimIndex(err.Param)
		return result{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.lookupThread(r.PathValue("thread_id"))
	if err != nil {
		return result{}, err
	}
	if a := t.activeRun(); a != nil {
		return result{}, invalid("", "Can't add messages to %s while a run %s is active.", t.id, a.id)
	}
	if err := s.checkMessageFiles(msgs); err != nil {
		err.Param = trimIndex(err.Param)
		return result{}, err
	}
	s.addMessages(t, msgs)
	return result{body: msgs[0].wire(), op: "message.create", id: msgs[0].id}, nil
}

// trimIndex turns "messages[0].content" back into "content" for the
// single-message endpoint.
func trimIndex(param *string) *string {
	if param == nil {
		return nil
	}
	p := (*param)[len("messages[0]"):]
	if len(p) > 0 && p[0] == '.' {
		p = p[1:]
	}
	return &p
}

func (s *Server) listMessages(r *http.Request) (result, *apiError) {
	q, err := parseList(r)
	if err != nil {
		return result{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.lookupThread(r.PathValue("thread_id"))
	if err != nil {
		return result{}, err
	}
	msgs := t.messages
	if runID := r.URL.Query().Get("run_id"); runID != "" {
		msgs = slices.DeleteFunc(slices.Clone(msgs), func(m *message) bool { return m.runID != runID })
	}
	page, err := paginate(msgs, func(m *message) string { return m.id }, (*message).wire, q)
	return result{body: page}, err
}

func (s *Server) getMessage(r *http.Request) (result, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, err := s.lookupMessage(r)
	if err != nil {
		return result{}, err
	}
	return result{body: m.wire()}, nil
}

func (s *Server) modifyMessage(r *http.Request) (result, *apiError) {
	var in struct {
		Metadata *map[string]string `json:"metadata"`
	}
	if err := decode(r, &in); err != nil {
		return result{}, err
	}
	if in.Metadata != nil {
		if err := checkMetadata("metadata", *in.Metadata); err != nil {
			return result{}, err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m, err := s.lookupMessage(r)
	if err != nil {
		return result{}, err
	}
	if in.Metadata != nil {
		m.metadata = *in.Metadata
	}
	return result{body: m.wire()}, nil
}

// deleteMessage removes a message. While a run is active the thread refuses
// it, as the real API refuses new messages then: the run reads the thread's
// messages, and its reply (not yet posted) must not race a deletion.
func (s *Server) deleteMessage(r *http.Request) (result, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, err := s.lookupMessage(r)
	if err != nil {
		return result{}, err
	}
	t := s.store.threads[m.threadID]
	if a := t.activeRun(); a != nil {
		return result{}, invalid("", "Can't delete messages from %s while a run %s is active.", t.id, a.id)
	}
	t.removeMessage(m)
	return result{body: wireDeleted{ID: m.id, Object: "thread.message.deleted", Deleted: true}}, nil
}

// lookupMessage finds the message named by the path or answers 404.
// Call with s.mu held.
func (s *Server) lookupMessage(r *http.Request) (*message, *apiError) {
	t, err := s.lookupThread(r.PathValue("thread_id"))
	if err != nil {
		return nil, err
	}
	id := r.PathValue("message_id")
	if m := t.findMessage(id); m != nil {
		return m, nil
	}
	return nil, notFound("message", id)
}
