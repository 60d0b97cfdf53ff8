package openaitest

import (
	"encoding/json"
	"slices"
	"time"
)

// store holds the emulator's state; Server.mu guards it.
type store struct {
	assistants []*assistant // creation order
	threads    map[string]*thread
	files      []*file // creation order (files.go)
}

func newStore() store { return store{threads: map[string]*thread{}} }

// assistant is a stored assistant.
type assistant struct {
	id             string
	createdAt      time.Time
	name           *string
	description    *string
	model          string
	instructions   *string
	tools          []json.RawMessage
	metadata       map[string]string
	temperature    *float64
	topP           *float64
	responseFormat json.RawMessage
	toolResources  json.RawMessage
}

// thread is a stored thread with its messages and runs in creation order.
type thread struct {
	id            string
	createdAt     time.Time
	metadata      map[string]string
	toolResources json.RawMessage
	messages      []*message
	runs          []*run
	// consumed is how many messages earlier runs were given; a new run reads
	// the user messages after it.
	consumed int
}

// message is a stored message; content is already in wire shape.
type message struct {
	id          string
	threadID    string
	role        string
	createdAt   time.Time
	content     []json.RawMessage
	text        string // the text parts joined, read by the scripted model
	runID       string
	assistantID string
	attachments json.RawMessage
	metadata    map[string]string
	files       []fileRef // attachments and image files (files_refs.go)
}

// toolCall is one function call the model asked for.
type toolCall struct {
	id, name, arguments string
	output              *string
}

// step is a stored run step.
type step struct {
	id        string
	kind      string // message_creation or tool_calls
	status    string
	createdAt time.Time
	doneAt    time.Time // when status left in_progress
	messageID string
	calls     []*toolCall // shared with the run, so outputs show up
	usage     *usage
}

// usage is the spec's RunCompletionUsage.
type usage struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	TotalTokens      int `json:"total_tokens"`
}

func newUsage(prompt, completion int) *usage {
	return &usage{PromptTokens: prompt, CompletionTokens: completion, TotalTokens: prompt + completion}
}

// findAssistant returns the assistant with id, or nil.
func (st *store) findAssistant(id string) *assistant {
	i := slices.IndexFunc(st.assistants, func(a *assistant) bool { return a.id == id })
	if i < 0 {
		return nil
	}
	return st.assistants[i]
}

// findMessage returns the thread's message with id, or nil.
func (t *thread) findMessage(id string) *message {
	i := slices.IndexFunc(t.messages, func(m *message) bool { return m.id == id })
	if i < 0 {
		return nil
	}
	return t.messages[i]
}

// removeMessage drops m from t. Removing a message an earlier run read moves
// consumed back by one, so the next run still starts at the first unread one.
func (t *thread) removeMessage(m *message) {
	i := slices.Index(t.messages, m)
	t.messages = slices.Delete(t.messages, i, i+1)
	if i < t.consumed {
		t.consumed--
	}
}

// findRun returns the thread's run with id, or nil.
func (t *thread) findRun(id string) *run {
	i := slices.IndexFunc(t.runs, func(r *run) bool { return r.id == id })
	if i < 0 {
		return nil
	}
	return t.runs[i]
}

// activeRun returns the run that blocks new runs and messages, or nil.
func (t *thread) activeRun() *run {
	for _, r := range t.runs {
		switch r.status {
		case statusQueued, statusInProgress, statusRequiresAction, statusCancelling:
			return r
		}
	}
	return nil
}
