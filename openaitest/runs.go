package openaitest

import (
	"encoding/json"
	"net/http"
	"strings"
)

// runInput is the spec's CreateRunRequest.
type runInput struct {
	AssistantID            string             `json:"assistant_id"`
	Model                  *string            `json:"model"`
	Instructions           *string            `json:"instructions"`
	AdditionalInstructions *string            `json:"additional_instructions"`
	AdditionalMessages     []messageInput     `json:"additional_messages"`
	Tools                  *[]json.RawMessage `json:"tools"`
	Metadata               map[string]string  `json:"metadata"`
	Temperature            *float64           `json:"temperature"`
	TopP                   *float64           `json:"top_p"`
	MaxPromptTokens        *int               `json:"max_prompt_tokens"`
	MaxCompletionTokens    *int               `json:"max_completion_tokens"`
	TruncationStrategy     json.RawMessage    `json:"truncation_strategy"`
	ToolChoice             json.RawMessage    `json:"tool_choice"`
	ParallelToolCalls      *bool              `json:"parallel_tool_calls"`
	ResponseFormat         json.RawMessage    `json:"response_format"`
	Stream                 *bool              `json:"stream"`
}

// validate checks everything that does not need the store.
func (in runInput) validate() *apiError {
	if in.AssistantID == "" {
		return invalid("assistant_id", "Missing required parameter: 'assistant_id'.")
	}
	for name, v := range map[string]*int{"max_prompt_tokens": in.MaxPromptTokens, "max_completion_tokens": in.MaxCompletionTokens} {
		if v != nil && *v < 256 {
			return invalid(name, "Invalid '%s': integer below minimum value. Expected a value greater than or equal to 256, but got %d instead.", name, *v)
		}
	}
	return checkMetadata("metadata", in.Metadata)
}

// newRun builds a run of assistant a from in; the caller schedules and stores it.
func (s *Server) newRun(t *thread, a *assistant, in runInput) *run {
	now := s.opts.Now()
	r := &run{id: newID("run"), threadID: t.id, assistantID: a.id, createdAt: now,
		model: a.model, tools: a.tools, metadata: in.Metadata, temperature: a.temperature,
		topP: a.topP, maxPrompt: in.MaxPromptTokens, maxCompletion: in.MaxCompletionTokens,
		truncation: in.TruncationStrategy, toolChoice: in.ToolChoice, parallelCalls: true,
		responseFormat: a.responseFormat}
	if a.instructions != nil {
		r.instructions = *a.instructions
	}
	s.overrideRun(r, in)
	return r
}

// overrideRun applies the per-run overrides of the assistant's settings.
func (s *Server) overrideRun(r *run, in runInput) {
	if in.Model != nil && *in.Model != "" {
		r.model = *in.Model
	}
	if in.Instructions != nil {
		r.instructions = *in.Instructions
	}
	if in.AdditionalInstructions != nil && *in.AdditionalInstructions != "" {
		r.instructions = strings.TrimSpace(r.instructions + "\n\n" + *in.AdditionalInstructions)
	}
	if in.Tools != nil {
		r.tools = *in.Tools
	}
	setIf(&r.temperature, in.Temperature)
	setIf(&r.topP, in.TopP)
	if in.ParallelToolCalls != nil {
		r.parallelCalls = *in.ParallelToolCalls
	}
	if in.ResponseFormat != nil {
		r.responseFormat = in.ResponseFormat
	}
}

// startRun stores msgs and a new run on t. The run reads the user messages
// no earlier run read. Call with s.mu held.
func (s *Server) startRun(t *thread, a *assistant, in runInput, msgs []*message) (*run, *apiError) {
	if active := t.activeRun(); active != nil {
		return nil, invalid("", "Thread %s already has an active run %s.", t.id, active.id)
	}
	s.addMessages(t, msgs)
	var texts []string
	var files []fileRef
	for _, m := range t.messages[t.consumed:] {
		if m.role == "user" {
			texts = append(texts, m.text)
			files = append(files, m.files...)
		}
	}
	t.consumed = len(t.messages)

	r := s.newRun(t, a, in)
	r.script = parseScript(strings.Join(texts, "\n"))
	r.script.files = files
	r.latency = s.opts.ModelLatency
	if r.script.hasLatency {
		r.latency = r.script.latency
	}
	r.expiresAt = r.createdAt.Add(s.opts.RequiresActionTTL)
	if r.script.hasExpiry {
		r.expiresAt = r.createdAt.Add(r.script.expiresIn)
	}
	r.schedule(r.createdAt)
	t.runs = append(t.runs, r)
	s.stats.RunsCreated++
	s.stats.RunsPerThread[t.id]++
	return r, nil
}

func (s *Server) createRun(r *http.Request) (result, *apiError) {
	var in runInput
	if err := decode(r, &in); err != nil {
		return result{}, err
	}
	if err := in.validate(); err != nil {
		return result{}, err
	}
	msgs, err := s.newMessages(in.AdditionalMessages, "additional_messages")
	if err != nil {
		return result{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.lookupThread(r.PathValue("thread_id"))
	if err != nil {
		return result{}, err
	}
	a, err := s.lookupAssistant(in.AssistantID)
	if err != nil {
		return result{}, err
	}
	if err := s.checkMessageFiles(msgs); err != nil {
		return result{}, err
	}
	run, err := s.startRun(t, a, in, msgs)
	if err != nil {
		return result{}, err
	}
	return result{body: run.wire(), op: "run.create", id: run.id, pollAfter: true, stream: in.streamed(run, false)}, nil
}

func (s *Server) createThreadAndRun(r *http.Request) (result, *apiError) {
	var in struct {
		runInput
		Thread threadInput `json:"thread"`
	}
	if err := decode(r, &in); err != nil {
		return result{}, err
	}
	if err := in.validate(); err != nil {
		return result{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.lookupAssistant(in.AssistantID)
	if err != nil {
		return result{}, err
	}
	t, err := s.newThread(in.Thread, "thread")
	if err != nil {
		return result{}, err
	}
	run, err := s.startRun(t, a, in.runInput, nil)
	if err != nil {
		return result{}, err
	}
	st := in.streamed(run, false)
	if st != nil {
		st.newThread = true
	}
	return result{body: run.wire(), op: "run.create", id: run.id, pollAfter: true, stream: st}, nil
}

// streamed names the run to stream when the request asked for stream=true.
func (in runInput) streamed(r *run, submit bool) *streamed {
	if in.Stream == nil || !*in.Stream {
		return nil
	}
	return &streamed{threadID: r.threadID, runID: r.id, submit: submit}
}
