package activities

import (
	"context"

	"go.temporal.io/sdk/activity"
)

// Delta is one piece of a streamed reply, in arrival order.
type Delta struct {
	WorkflowID string `json:"workflow_id"`
	ThreadID   string `json:"thread_id"`
	APIRunID   string `json:"run_id"`
	Text       string `json:"text"`
	// Seq numbers the deltas of one run from 1; a re-attached attempt goes on
	// counting, so a subscriber can spot a gap or a repeat.
	Seq int `json:"seq"`
}

// DeltaSink receives reply deltas as they arrive, on the activity's
// goroutine: it must return quickly (a pub/sub sink publishes without waiting
// for subscribers). An error is logged and the stream goes on; deltas are a
// live view, the durable reply is the run's message.
type DeltaSink interface {
	Delta(ctx context.Context, d Delta) error
}

// LogSink logs each delta's size at debug level, never its text: replies may
// hold personal data.
type LogSink struct{}

// Delta implements DeltaSink.
func (LogSink) Delta(ctx context.Context, d Delta) error {
	if activity.IsActivity(ctx) {
		activity.GetLogger(ctx).Debug("Reply delta", "api_run_id", d.APIRunID, "Seq", d.Seq, "Bytes", len(d.Text))
	}
	return nil
}
