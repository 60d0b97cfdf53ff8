package activities

import (
	"context"
	"sync"
	"time"
	"unicode/utf8"

	"go.temporal.io/sdk/activity"
)

// streamProgress is what one StreamRun attempt knows so far; the heartbeat
// ticker reads it while the stream writes it.
type streamProgress struct {
	mu       sync.Mutex
	threadID string
	p        StreamProgress
	beat     time.Time // last heartbeat recorded for new text
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

func (s *streamProgress) runID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.p.RunID
}

// setRun records the run ID; the first time, it heartbeats at once, so a
// retry after a crash re-attaches instead of creating a second run.
func (s *streamProgress) setRun(ctx context.Context, runID string) {
	s.mu.Lock()
	first := s.p.RunID == "" && runID != ""
	if first {
		s.p.RunID = runID
	}
	s.mu.Unlock()
	if first && activity.IsActivity(ctx) {
		activity.RecordHeartbeat(ctx, s.details()...)
	}
}

// add appends a delta to the text tail and returns the delta numbered.
func (s *streamProgress) add(ctx context.Context, text string) Delta {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.p.Seq++
	s.p.Text = tail(s.p.Text+text, MaxStreamText)
	d := Delta{ThreadID: s.threadID, RunID: s.p.RunID, Text: text, Seq: s.p.Seq}
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

// tail keeps the last n bytes of s, cut on a character boundary.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return s[i:]
}
