package openaitest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"time"
)

// Fault makes matching requests fail. Faults are queued; the first one that
// matches a request is applied.
type Fault struct {
	// Method and Route select requests; Route is the route template as in
	// Stats.Requests keys without the method, e.g. "/v1/threads/{thread_id}/runs".
	// Empty values match any request.
	Method, Route string
	// Status is the HTTP status to answer, e.g. 429, 500, 503 (default 500).
	Status int
	// RetryAfter is sent as retry-after (whole seconds, rounded up) and
	// retry-after-ms.
	RetryAfter time.Duration
	// Drop closes the connection without any response.
	Drop bool
	// AfterCommit applies the fault after the handler ran: the effect
	// persists (and OnCommit fires) but the response is lost.
	AfterCommit bool
	// Count is how many matching requests it hits (default 1).
	Count int

	// Stream faults hit stream=true requests, which otherwise succeed (a
	// matching request without stream=true uses the fault up unharmed).
	// StreamCutAfter > 0 drops the connection after that many events: no
	// terminal event, no [DONE].
	StreamCutAfter int
	// StreamStall > 0 holds the stream silent this long after
	// StreamStallAfter events, then goes on (if the client is still there).
	StreamStall      time.Duration
	StreamStallAfter int
}

func (f *Fault) streamFault() bool { return f.StreamCutAfter > 0 || f.StreamStall > 0 }

type streamFaultKey struct{}

// withStreamFault hands a stream fault to the route handler.
func withStreamFault(r *http.Request, f *Fault) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), streamFaultKey{}, f))
}

// streamFaultOf returns the stream fault of the request, or nil.
func streamFaultOf(r *http.Request) *Fault {
	f, _ := r.Context().Value(streamFaultKey{}).(*Fault)
	return f
}

// InjectFault queues f.
func (s *Server) InjectFault(f Fault) {
	if f.Count <= 0 {
		f.Count = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &f)
}

// takeFault returns the first queued fault matching the request and uses up
// one of its hits.
func (s *Server) takeFault(method, route string) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.faults {
		if (f.Method != "" && f.Method != method) || (f.Route != "" && f.Route != route) {
			continue
		}
		f.Count--
		if f.Count == 0 {
			s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
		}
		hit := *f
		return &hit
	}
	return nil
}

// serveFault applies f; when AfterCommit, the handler runs first into a
// discarded recorder so its effect commits.
func (s *Server) serveFault(w http.ResponseWriter, r *http.Request, f *Fault) {
	if f.AfterCommit {
		s.mux.ServeHTTP(httptest.NewRecorder(), r)
	}
	if f.Drop {
		dropConnection(w)
		return
	}
	if f.RetryAfter > 0 {
		secs := int64((f.RetryAfter + time.Second - 1) / time.Second)
		w.Header().Set("retry-after", strconv.FormatInt(secs, 10))
		w.Header().Set("retry-after-ms", strconv.FormatInt(f.RetryAfter.Milliseconds(), 10))
	}
	status := f.Status
	if status == 0 {
		status = http.StatusInternalServerError
	}
	writeError(w, statusError(status))
}

// dropConnection closes the client connection without writing a response.
func dropConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler) // the server aborts the connection (HTTP/2 stream reset)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}
