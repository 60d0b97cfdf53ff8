package openaitest

import (
	"net/http"
	"strconv"
	"time"
)

// respStream names the response a stream=true request follows and the
// sequence number after which its events start (-1: from the first).
type respStream struct {
	resp  *response
	after int
}

// streamAfter reads GET /v1/responses/{id}?stream=true&starting_after=N.
// Only a background response can be streamed again, as on the real API.
// Call with s.mu held.
func streamAfter(r *http.Request, resp *response) (*respStream, *apiError) {
	q := r.URL.Query()
	if q.Get("stream") != "true" {
		return nil, nil
	}
	if !resp.background {
		return nil, invalid("stream", "Streaming a response again is only supported for responses created with background=true.")
	}
	rs := &respStream{resp: resp, after: -1}
	if v := q.Get("starting_after"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return nil, invalid("starting_after", "Invalid 'starting_after': expected a non-negative integer, but got '%s'.", v)
		}
		rs.after = n
	}
	return rs, nil
}

// serveResponseStream answers a stream=true create, or a GET that streams a
// background response again: the spec's ResponseStreamEvent sequence of the
// response after rs.after, then live until it ends. Every event's type is its
// SSE event name and its sequence_number its index in the response's
// sequence, so a reader cut off can resume with starting_after. The stream
// faults cut or stall it like an Assistants stream; no [DONE] follows, as on
// the real API.
func (s *Server) serveResponseStream(w http.ResponseWriter, r *http.Request, rs respStream) {
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	e := &sseWriter{w: w, r: r, fault: streamFaultOf(r)}
	next := rs.after + 1
	for {
		s.mu.Lock()
		s.advanceResponse(rs.resp, s.opts.Now())
		evs := responseEvents(rs.resp)
		done := isResponseDone(rs.resp.status)
		wait := s.untilNextResponse(rs.resp)
		s.mu.Unlock()
		for ; next < len(evs); next++ {
			ev := evs[next]
			if !e.event(ev.name, ev.data) {
				return
			}
			if ev.name == "response.output_text.delta" && s.opts.StreamDeltaDelay > 0 && next < len(evs)-1 {
				time.Sleep(s.opts.StreamDeltaDelay)
			}
		}
		if done {
			return
		}
		select {
		case <-time.After(wait):
		case <-r.Context().Done():
			return
		}
	}
}

// untilNextResponse is how long the stream sleeps before looking at resp
// again. Call with s.mu held.
func (s *Server) untilNextResponse(resp *response) time.Duration {
	at := resp.answerAt
	if resp.status == respQueued {
		at = resp.startAt
	}
	wait := 20 * time.Millisecond
	if d := at.Sub(s.opts.Now()); d > 0 && d < wait {
		wait = d
	}
	return max(wait, time.Millisecond)
}
