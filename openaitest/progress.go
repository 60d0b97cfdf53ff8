package openaitest

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// advanceThread brings every run of t up to now.
func (s *Server) advanceThread(t *thread, now time.Time) {
	for _, r := range t.runs {
		s.advance(t, r, now)
	}
}

// advance applies every transition of r that is due by now, each at the time
// it was due, so timestamps do not depend on when the run is observed.
func (s *Server) advance(t *thread, r *run, now time.Time) {
	for !isTerminal(r.status) {
		at, scheduled := r.nextTransition()
		expiring := r.status != statusCancelling && !now.Before(r.expiresAt)
		if expiring && (!scheduled || !at.Before(r.expiresAt)) {
			r.expire()
			return
		}
		if !scheduled || now.Before(at) {
			return
		}
		switch r.status {
		case statusQueued:
			r.status = statusInProgress
			if r.startedAt == nil {
				r.startedAt = &at
			}
		case statusInProgress:
			s.answer(t, r, at)
		case statusCancelling:
			r.cancel(at)
		}
	}
}

// nextTransition returns when the run leaves its status on its own.
func (r *run) nextTransition() (time.Time, bool) {
	switch r.status {
	case statusQueued:
		return r.startAt, true
	case statusInProgress:
		return r.answerAt, true
	case statusCancelling:
		return r.cancelAt, true
	}
	return time.Time{}, false
}

// answer is the scripted model's turn at time at.
func (s *Server) answer(t *thread, r *run, at time.Time) {
	switch {
	case r.script.fail != nil:
		r.status, r.failedAt, r.lastError = statusFailed, &at, r.script.fail
		r.usage = newUsage(r.promptTokens(), 0)
	case r.script.incomplete:
		r.status, r.incomplete = statusIncomplete, "max_completion_tokens"
		r.usage = newUsage(r.promptTokens(), 0)
	case len(r.script.calls) > 0 && !r.submitted:
		r.requireAction(at)
	default:
		s.complete(t, r, at)
	}
}

// requireAction asks for the scripted tool calls, all in one step.
func (r *run) requireAction(at time.Time) {
	r.status = statusRequiresAction
	r.calls = nil
	for _, c := range r.script.calls {
		r.calls = append(r.calls, &toolCall{id: newID("call"), name: c.name, arguments: c.arguments})
	}
	r.steps = append(r.steps, &step{id: newID("step"), kind: "tool_calls", status: statusInProgress,
		createdAt: at, calls: r.calls})
}

// complete posts the model's reply to the thread and ends the run.
func (s *Server) complete(t *thread, r *run, at time.Time) {
	reply := "Echo: " + r.script.echo
	var cites []citation
	if r.submitted {
		parts := make([]string, len(r.calls))
		for i, c := range r.calls {
			parts[i] = c.name + " -> " + *c.output
		}
		reply = "Tool results: " + strings.Join(parts, "; ")
	}
	if jsonFormat(r.responseFormat) {
		reply = structuredReply(strings.TrimPrefix(reply, "Echo: "))
	} else if !r.submitted {
		reply, cites = filedReply(reply, r.script)
	}
	msg := &message{id: newID("msg"), threadID: t.id, role: "assistant", createdAt: at,
		content: []json.RawMessage{textContentCited(reply, cites)}, text: reply,
		runID: r.id, assistantID: r.assistantID, metadata: map[string]string{}}
	t.messages = append(t.messages, msg)
	r.usage = newUsage(r.promptTokens(), countWords(reply))
	r.steps = append(r.steps, &step{id: newID("step"), kind: "message_creation", status: statusCompleted,
		createdAt: at, doneAt: at, messageID: msg.id, usage: r.usage})
	r.status, r.completedAt = statusCompleted, &at
}

// expire ends a run that outlived expires_at.
func (r *run) expire() {
	at := r.expiresAt
	r.status = statusExpired
	r.usage = newUsage(r.promptTokens(), 0)
	r.closeToolStep(statusExpired, at)
}

// cancel ends the run as cancelled at time at.
func (r *run) cancel(at time.Time) {
	r.status, r.cancelledAt = statusCancelled, &at
	r.usage = newUsage(r.promptTokens(), 0)
	r.closeToolStep(statusCancelled, at)
}

// closeToolStep ends a tool_calls step still waiting for outputs.
func (r *run) closeToolStep(status string, at time.Time) {
	if st := r.toolStep(); st != nil && st.status == statusInProgress {
		st.status, st.doneAt = status, at
	}
}

// textContent is a message text content part in wire shape.
func textContent(text string) json.RawMessage {
	b, err := json.Marshal(map[string]any{"type": "text",
		"text": map[string]any{"value": text, "annotations": []any{}}})
	if err != nil {
		panic(fmt.Sprintf("openaitest: encode text content: %v", err))
	}
	return b
}
