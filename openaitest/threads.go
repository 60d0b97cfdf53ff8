package openaitest

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// threadInput is the spec's CreateThreadRequest / ModifyThreadRequest.
type threadInput struct {
	Messages      []messageInput     `json:"messages"`
	Metadata      *map[string]string `json:"metadata"`
	ToolResources json.RawMessage    `json:"tool_resources"`
}

// newThread validates in and stores a thread with its initial messages.
// param prefixes field names in errors ("" or "thread"). Call with s.mu held.
func (s *Server) newThread(in threadInput, param string) (*thread, *apiError) {
	if in.Metadata != nil {
		if err := checkMetadata(join(param, "metadata"), *in.Metadata); err != nil {
			return nil, err
		}
	}
	msgs, err := s.newMessages(in.Messages, join(param, "messages"))
	if err != nil {
		return nil, err
	}
	if err := s.checkMessageFiles(msgs); err != nil {
		return nil, err
	}
	if err := s.checkToolResources(join(param, "tool_resources"), in.ToolResources); err != nil {
		return nil, err
	}
	t := &thread{id: newID("thread"), createdAt: s.opts.Now(), toolResources: in.ToolResources}
	if in.Metadata != nil {
		t.metadata = *in.Metadata
	}
	s.store.threads[t.id] = t
	s.stats.ThreadsCreated++
	s.addMessages(t, msgs)
	return t, nil
}

// join builds a parameter path such as "thread.messages".
func join(prefix, field string) string {
	if prefix == "" {
		return field
	}
	return prefix + "." + field
}

// newMessages validates message inputs into unstored messages.
func (s *Server) newMessages(ins []messageInput, param string) ([]*message, *apiError) {
	var out []*message
	for i, in := range ins {
		content, text, err := in.parse(fmt.Sprintf("%s[%d]", param, i))
		if err != nil {
			return nil, err
		}
		files, err := in.messageFiles(fmt.Sprintf("%s[%d]", param, i))
		if err != nil {
			return nil, err
		}
		out = append(out, &message{id: newID("msg"), role: in.Role, content: content, text: text,
			attachments: in.Attachments, metadata: in.Metadata, files: files})
	}
	return out, nil
}

// addMessages stores msgs on t and counts the user messages.
func (s *Server) addMessages(t *thread, msgs []*message) {
	now := s.opts.Now()
	for _, m := range msgs {
		m.threadID, m.createdAt = t.id, now
		t.messages = append(t.messages, m)
		if m.role == "user" {
			s.stats.UserMessagesCreated++
		}
	}
}

func (s *Server) createThread(r *http.Request) (result, *apiError) {
	var in threadInput
	if err := decode(r, &in); err != nil {
		return result{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.newThread(in, "")
	if err != nil {
		return result{}, err
	}
	return result{body: t.wire(), op: "thread.create", id: t.id}, nil
}

func (s *Server) getThread(r *http.Request) (result, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.lookupThread(r.PathValue("thread_id"))
	if err != nil {
		return result{}, err
	}
	return result{body: t.wire()}, nil
}

func (s *Server) modifyThread(r *http.Request) (result, *apiError) {
	var in threadInput
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
	t, err := s.lookupThread(r.PathValue("thread_id"))
	if err != nil {
		return result{}, err
	}
	if err := s.checkToolResources("tool_resources", in.ToolResources); err != nil {
		return result{}, err
	}
	if in.Metadata != nil {
		t.metadata = *in.Metadata
	}
	if in.ToolResources != nil {
		t.toolResources = in.ToolResources
	}
	return result{body: t.wire()}, nil
}

func (s *Server) deleteThread(r *http.Request) (result, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.lookupThread(r.PathValue("thread_id"))
	if err != nil {
		return result{}, err
	}
	delete(s.store.threads, t.id)
	return result{body: wireDeleted{ID: t.id, Object: "thread.deleted", Deleted: true}}, nil
}

// lookupThread finds a thread, brings its runs up to now, or answers 404.
// Call with s.mu held.
func (s *Server) lookupThread(id string) (*thread, *apiError) {
	t := s.store.threads[id]
	if t == nil {
		return nil, notFound("thread", id)
	}
	s.advanceThread(t, s.opts.Now())
	return t, nil
}
