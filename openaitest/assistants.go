package openaitest

import (
	"encoding/json"
	"net/http"
	"slices"
)

// assistantInput is the spec's CreateAssistantRequest / ModifyAssistantRequest.
type assistantInput struct {
	Model          *string            `json:"model"`
	Name           *string            `json:"name"`
	Description    *string            `json:"description"`
	Instructions   *string            `json:"instructions"`
	Tools          *[]json.RawMessage `json:"tools"`
	Metadata       *map[string]string `json:"metadata"`
	Temperature    *float64           `json:"temperature"`
	TopP           *float64           `json:"top_p"`
	ResponseFormat json.RawMessage    `json:"response_format"`
	ToolResources  json.RawMessage    `json:"tool_resources"`
}

// validate checks the fields the emulator interprets.
func (in assistantInput) validate() *apiError {
	if in.Tools != nil && len(*in.Tools) > 128 {
		return invalid("tools", "Invalid 'tools': array too long. Expected an array with maximum length 128.")
	}
	if in.Metadata != nil {
		return checkMetadata("metadata", *in.Metadata)
	}
	return nil
}

// applyTo sets the fields present in the request.
func (in assistantInput) applyTo(a *assistant) {
	if in.Model != nil {
		a.model = *in.Model
	}
	setIf(&a.name, in.Name)
	setIf(&a.description, in.Description)
	setIf(&a.instructions, in.Instructions)
	if in.Tools != nil {
		a.tools = *in.Tools
	}
	if in.Metadata != nil {
		a.metadata = *in.Metadata
	}
	setIf(&a.temperature, in.Temperature)
	setIf(&a.topP, in.TopP)
	if in.ResponseFormat != nil {
		a.responseFormat = in.ResponseFormat
	}
	if in.ToolResources != nil {
		a.toolResources = in.ToolResources
	}
}

// setIf overwrites *dst when the request carried the field.
func setIf[T any](dst **T, v *T) {
	if v != nil {
		*dst = v
	}
}

func (s *Server) createAssistant(r *http.Request) (result, *apiError) {
	var in assistantInput
	if err := decode(r, &in); err != nil {
		return result{}, err
	}
	if in.Model == nil || *in.Model == "" {
		return result{}, invalid("model", "Missing required parameter: 'model'.")
	}
	if err := in.validate(); err != nil {
		return result{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkToolResources("tool_resources", in.ToolResources); err != nil {
		return result{}, err
	}
	a := &assistant{id: newID("asst"), createdAt: s.opts.Now()}
	in.applyTo(a)
	s.store.assistants = append(s.store.assistants, a)
	return result{body: a.wire(), op: "assistant.create", id: a.id}, nil
}

func (s *Server) listAssistants(r *http.Request) (result, *apiError) {
	q, err := parseList(r)
	if err != nil {
		return result{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	page, err := paginate(s.store.assistants, func(a *assistant) string { return a.id }, (*assistant).wire, q)
	return result{body: page}, err
}

func (s *Server) getAssistant(r *http.Request) (result, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.lookupAssistant(r.PathValue("assistant_id"))
	if err != nil {
		return result{}, err
	}
	return result{body: a.wire()}, nil
}

func (s *Server) modifyAssistant(r *http.Request) (result, *apiError) {
	var in assistantInput
	if err := decode(r, &in); err != nil {
		return result{}, err
	}
	if err := in.validate(); err != nil {
		return result{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.lookupAssistant(r.PathValue("assistant_id"))
	if err != nil {
		return result{}, err
	}
	if err := s.checkToolResources("tool_resources", in.ToolResources); err != nil {
		return result{}, err
	}
	in.applyTo(a)
	return result{body: a.wire()}, nil
}

func (s *Server) deleteAssistant(r *http.Request) (result, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.lookupAssistant(r.PathValue("assistant_id"))
	if err != nil {
		return result{}, err
	}
	s.store.assistants = slices.DeleteFunc(s.store.assistants, func(x *assistant) bool { return x == a })
	return result{body: wireDeleted{ID: a.id, Object: "assistant.deleted", Deleted: true}}, nil
}

// lookupAssistant finds an assistant or answers 404. Call with s.mu held.
func (s *Server) lookupAssistant(id string) (*assistant, *apiError) {
	if a := s.store.findAssistant(id); a != nil {
		return a, nil
	}
	return nil, notFound("assistant", id)
}
