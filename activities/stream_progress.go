package activities

import (
	"context"
	"sync"
	"time"

	"go.temporal.io/sdk/activity"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// streamProgress is what one StreamRun attempt knows so far; the heartbeat
// ticker reads it while the stream writes it.
type streamProgress struct {
	mu       sync.Mutex
	threadID string
	p        assistant.FollowProgress
	beat     time.Time // last heartbeat recorded for new text
	named    []func()  // run once the run has an ID (whenNamed)
	// makesThread: the create makes the run's thread (thread_and_run.go).
	makesThread bool
}

// liveEvery is how often new text is put into the heartbeat details. The
// SDK sends them to the server at most every MaxHeartbeatThrottleInterval.
const liveEvery = 250 * time.Millisecond

// details is the heartbeat payload.
func (s *streamProgress) details() []any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return []any{s.p}
}

// thread is the thread the run is on, "" while a create-thread-and-run has
// not named it.
func (s *streamProgress) thread() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.threadID
}

// setThread records the thread a create-thread-and-run made, in the details
// (FollowProgress.ThreadID), heartbeated at once when beat is set (a stream
// names it before the run): a retry then looks for the run on it instead
// of creating a second thread and run.
func (s *streamProgress) setThread(ctx context.Context, threadID string, beat bool) {
	s.mu.Lock()
	if threadID == "" || s.p.ThreadID == threadID {
		s.mu.Unlock()
		return
	}
	s.threadID, s.p.ThreadID = threadID, threadID
	s.mu.Unlock()
	if beat && activity.IsActivity(ctx) {
		activity.RecordHeartbeat(ctx, s.details()...)
	}
}

func (s *streamProgress) runID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.p.APIRunID
}

// setRun records the run ID, and the event that named it. A new ID (the
// first, or on the Responses protocol the next response of the run) is
// heartbeated at once, so a retry after a crash re-attaches instead of
// creating a second run.
func (s *streamProgress) setRun(ctx context.Context, runID string, seq *int64) {
	s.mu.Lock()
	changed := runID != "" && s.p.APIRunID != runID
	if changed {
		s.p.APIRunID, s.p.LastEvent = runID, nil
	}
	s.advanceLocked(seq)
	named := s.named
	if changed {
		s.named = nil
	}
	s.mu.Unlock()
	if changed && activity.IsActivity(ctx) {
		activity.RecordHeartbeat(ctx, s.details()...)
	}
	if changed {
		for _, f := range named {
			f()
		}
	}
}

// whenNamed runs f once the run has an ID: at once if it has one.
func (s *streamProgress) whenNamed(f func()) {
	s.mu.Lock()
	if s.p.APIRunID == "" {
		s.named = append(s.named, f)
		s.mu.Unlock()
		return
	}
	s.mu.Unlock()
	f()
}

// advance records the sequence number of an event handled.
func (s *streamProgress) advance(seq *int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.advanceLocked(seq)
}

func (s *streamProgress) advanceLocked(seq *int64) {
	if seq != nil {
		n := *seq // a copy: details hand the struct out
		s.p.LastEvent = &n
	}
}

// cursor returns where runID's stream was left, when known.
func (s *streamProgress) cursor(runID string) (int64, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.p.APIRunID != runID || s.p.LastEvent == nil {
		return 0, false
	}
	return *s.p.LastEvent, true
}

// add appends a delta to the text tail, with the event that carried it (one
// update, so the heartbeat never holds text without its position), and
// returns the delta numbered.
func (s *streamProgress) add(ctx context.Context, text string, seq *int64) Delta {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.p.Seq++
	s.p.Text = assistant.Tail(s.p.Text+text, MaxStreamText)
	s.advanceLocked(seq)
	d := Delta{ThreadID: s.threadID, APIRunID: s.p.APIRunID, Text: text, Seq: s.p.Seq}
	if activity.IsActivity(ctx) {
		d.WorkflowID = activity.GetInfo(ctx).WorkflowExecution.ID
		if now := time.Now(); now.Sub(s.beat) >= liveEvery {
			s.beat = now
			activity.RecordHeartbeat(ctx, s.p)
		}
	}
	return d
}

// flush records the details now, so a retry starts from the latest text.
func (s *streamProgress) flush(ctx context.Context) {
	if activity.IsActivity(ctx) {
		activity.RecordHeartbeat(ctx, s.details()...)
	}
}
