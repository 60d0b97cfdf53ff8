package openaitest

import (
	"encoding/json"
	"time"
)

// Run statuses, as enumerated by the spec's RunObject.
const (
	statusQueued         = "queued"
	statusInProgress     = "in_progress"
	statusRequiresAction = "requires_action"
	statusCancelling     = "cancelling"
	statusCancelled      = "cancelled"
	statusFailed         = "failed"
	statusCompleted      = "completed"
	statusIncomplete     = "incomplete"
	statusExpired        = "expired"
)

// isTerminal reports whether a run in status can no longer change.
func isTerminal(status string) bool {
	switch status {
	case statusCancelled, statusFailed, statusCompleted, statusIncomplete, statusExpired:
		return true
	}
	return false
}

// runError is the spec's RunObject.last_error.
type runError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// run is a stored run. The fields below "progress" drive the lazy state
// machine in progress.go.
type run struct {
	id             string
	threadID       string
	assistantID    string
	createdAt      time.Time
	model          string
	instructions   string
	tools          []json.RawMessage
	metadata       map[string]string
	temperature    *float64
	topP           *float64
	maxPrompt      *int
	maxCompletion  *int
	truncation     json.RawMessage
	toolChoice     json.RawMessage
	parallelCalls  bool
	responseFormat json.RawMessage

	// progress
	status      string
	script      script
	latency     time.Duration
	expiresAt   time.Time
	startAt     time.Time // queued -> in_progress
	answerAt    time.Time // in_progress -> the model's answer
	cancelAt    time.Time // cancelling -> cancelled
	startedAt   *time.Time
	cancelledAt *time.Time
	failedAt    *time.Time
	completedAt *time.Time
	calls       []*toolCall
	submitted   bool // tool outputs were accepted
	lastError   *runError
	incomplete  string // incomplete_details.reason
	usage       *usage
	steps       []*step
}

// schedule queues the run at now: in_progress after half the latency, the
// model's answer after the whole latency.
func (r *run) schedule(now time.Time) {
	r.status = statusQueued
	r.startAt = now.Add(r.latency / 2)
	r.answerAt = now.Add(r.latency)
}

// promptTokens counts the words the model read: the input and any tool outputs.
func (r *run) promptTokens() int {
	n := countWords(r.script.input)
	for _, c := range r.calls {
		if c.output != nil {
			n += countWords(*c.output)
		}
	}
	return n
}

// toolStep returns the run's tool_calls step, or nil.
func (r *run) toolStep() *step {
	for _, st := range r.steps {
		if st.kind == "tool_calls" {
			return st
		}
	}
	return nil
}
