package openaitest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// runEvents streams each move a run made since the stream last looked,
// once and in order, however many moves it made in between.
func TestRunEventsStreamEveryMoveOnce(t *testing.T) {
	s := New(Options{})
	started := time.Now()
	for _, tc := range []struct {
		seen, now string
		want      []string
	}{
		{"", statusQueued, []string{"queued"}},
		{"", statusInProgress, []string{"queued", "in_progress"}},
		{"", statusFailed, []string{"queued", "in_progress", "failed"}},
		{statusQueued, statusInProgress, []string{"in_progress"}},
		{statusQueued, statusCompleted, []string{"in_progress", "completed"}},
		{statusQueued, statusFailed, []string{"in_progress", "failed"}},
		{statusInProgress, statusCompleted, []string{"completed"}},
		{statusInProgress, statusRequiresAction, []string{"requires_action"}},
	} {
		r := &run{id: "run_1", status: tc.now}
		if tc.now != statusQueued {
			r.startedAt = &started
		}
		evs, _ := s.runEvents(r, tc.seen)
		var got []string
		for _, ev := range evs {
			got = append(got, ev.name[len("thread.run."):])
		}
		require.Equal(t, tc.want, got, "seen %q, now %q", tc.seen, tc.now)
	}
}
