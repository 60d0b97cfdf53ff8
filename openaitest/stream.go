package openaitest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// streamed names the run a stream=true request created or resumed.
type streamed struct {
	threadID, runID string
	submit          bool // resumed by submit_tool_outputs
	newThread       bool // created by POST /threads/runs: thread.created first
}

// sseWriter writes server-sent events and applies the stream faults.
type sseWriter struct {
	w     http.ResponseWriter
	r     *http.Request
	fault *Fault
	n     int // events written
}

// event writes one event; it reports false once the client is gone or a
// fault cut the stream.
func (e *sseWriter) event(name string, data any) bool {
	if f := e.fault; f != nil && f.StreamStall > 0 && e.n == f.StreamStallAfter {
		select {
		case <-time.After(f.StreamStall):
		case <-e.r.Context().Done():
			return false
		}
	}
	if f := e.fault; f != nil && f.StreamCutAfter > 0 && e.n >= f.StreamCutAfter {
		panic(http.ErrAbortHandler) // drop the connection mid-stream
	}
	var raw []byte
	if s, ok := data.(string); ok {
		raw = []byte(s)
	} else {
		var err error
		if raw, err = json.Marshal(data); err != nil {
			raw = []byte(`{}`)
		}
	}
	e.n++
	if _, err := fmt.Fprintf(e.w, "event: %s\ndata: %s\n\n", name, raw); err != nil {
		return false
	}
	if fl, ok := e.w.(http.Flusher); ok {
		fl.Flush()
	}
	return e.r.Context().Err() == nil
}

// serveStream answers a stream=true create or submit: the run's events as
// they happen, per the spec's AssistantStreamEvent, until requires_action or
// a terminal status, then `event: done` / `data: [DONE]`.
func (s *Server) serveStream(w http.ResponseWriter, r *http.Request, st streamed) {
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	e := &sseWriter{w: w, r: r, fault: streamFaultOf(r)}
	s.mu.Lock()
	t, run := s.store.threads[st.threadID], (*run)(nil)
	if t != nil {
		run = t.findRun(st.runID)
	}
	first := []sseEvent{}
	if run != nil && st.newThread {
		first = append(first, sseEvent{"thread.created", t.wire()})
	}
	if run != nil && !st.submit {
		first = append(first, sseEvent{"thread.run.created", run.wire()})
	}
	status := ""
	s.mu.Unlock()
	if run == nil {
		return
	}
	for _, ev := range first {
		if !e.event(ev.name, ev.data) {
			return
		}
	}
	for {
		s.mu.Lock()
		s.advance(t, run, s.opts.Now())
		evs, next := s.runEvents(run, status)
		status = run.status
		wait := s.untilNext(run)
		s.mu.Unlock()
		for i, ev := range evs {
			if !e.event(ev.name, ev.data) {
				return
			}
			if ev.name == "thread.message.delta" && s.opts.StreamDeltaDelay > 0 && i < len(evs)-1 {
				time.Sleep(s.opts.StreamDeltaDelay)
			}
		}
		if !next {
			e.event("done", "[DONE]")
			return
		}
		select {
		case <-time.After(wait):
		case <-r.Context().Done():
			return
		}
	}
}

// sseEvent is one event to write.
type sseEvent struct {
	name string
	data any
}

// untilNext is how long the stream sleeps before looking at the run again.
func (s *Server) untilNext(r *run) time.Duration {
	wait := 20 * time.Millisecond
	if at, ok := r.nextTransition(); ok {
		if d := at.Sub(s.opts.Now()); d > 0 && d < wait {
			wait = d
		}
	}
	return max(wait, time.Millisecond)
}

// runEvents are the events of r's moves since status was streamed; next is
// false once the stream must end. Call with s.mu held.
func (s *Server) runEvents(r *run, status string) (evs []sseEvent, next bool) {
	if r.status == status {
		return nil, true
	}
	if status == "" && r.status != statusQueued {
		evs = append(evs, sseEvent{"thread.run.queued", r.wireAs(statusQueued)})
	}
	if (status == "" || status == statusQueued) && r.startedAt != nil && r.status != statusInProgress {
		evs = append(evs, sseEvent{"thread.run.in_progress", r.wireAs(statusInProgress)})
	}
	switch r.status {
	case statusQueued:
		return []sseEvent{{"thread.run.queued", r.wire()}}, true
	case statusInProgress:
		return append(evs, sseEvent{"thread.run.in_progress", r.wire()}), true
	case statusCancelling:
		return append(evs, sseEvent{"thread.run.cancelling", r.wire()}), true
	case statusRequiresAction:
		if st := r.toolStep(); st != nil {
			evs = append(evs, sseEvent{"thread.run.step.created", st.wire(r)})
		}
		return append(evs, sseEvent{"thread.run.requires_action", r.wire()}), false
	case statusCompleted:
		evs = append(evs, s.messageEvents(r)...)
	}
	return append(evs, sseEvent{"thread.run." + r.status, r.wire()}), false
}

// messageEvents replay the creation of the run's reply: step and message
// created, the text in several deltas, message and step completed.
func (s *Server) messageEvents(r *run) []sseEvent {
	var st *step
	for _, x := range r.steps {
		if x.kind == "message_creation" {
			st = x
		}
	}
	t := s.store.threads[r.threadID]
	if st == nil || t == nil {
		return nil
	}
	var msg *message
	for _, m := range t.messages {
		if m.id == st.messageID {
			msg = m
		}
	}
	if msg == nil {
		return nil
	}
	stepOpen := st.wire(r)
	stepOpen.Status, stepOpen.CompletedAt, stepOpen.Usage = statusInProgress, nil, nil
	open := msg.wire()
	open.Status, open.CompletedAt, open.Content = statusInProgress, nil, []json.RawMessage{}
	evs := []sseEvent{{"thread.run.step.created", stepOpen}, {"thread.message.created", open},
		{"thread.message.in_progress", open}}
	for _, chunk := range chunks(msg.text) {
		evs = append(evs, sseEvent{"thread.message.delta", messageDelta(msg.id, chunk)})
	}
	return append(evs, sseEvent{"thread.message.completed", msg.wire()},
		sseEvent{"thread.run.step.completed", st.wire(r)})
}

// messageDelta is the spec's MessageDeltaObject carrying one text chunk.
func messageDelta(id, text string) map[string]any {
	return map[string]any{"id": id, "object": "thread.message.delta", "delta": map[string]any{
		"content": []any{map[string]any{"index": 0, "type": "text",
			"text": map[string]any{"value": text, "annotations": []any{}}}}}}
}

// chunks splits text into word-sized deltas, spaces kept, so they join back.
func chunks(text string) []string {
	parts := strings.SplitAfter(text, " ")
	out := parts[:0]
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// wireAs renders the run as it was in an earlier, non-final status.
func (r *run) wireAs(status string) wireRun {
	w := r.wire()
	w.Status, w.RequiredAction, w.Usage = status, nil, nil
	w.CompletedAt, w.FailedAt, w.CancelledAt = nil, nil, nil
	if w.ExpiresAt == nil {
		exp := unix(r.expiresAt)
		w.ExpiresAt = &exp
	}
	return w
}
