package main

import (
	"context"
	"time"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
)

// watchState calls show with the run's state every tick, until the returned
// stop is called; stop returns once show is no longer running. States that
// cannot be read (not started on a worker yet, already closed) are skipped.
func watchState(ctx context.Context, r *client.Run, every time.Duration, show func(assistant.RunView)) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			if st, err := r.State(ctx); err == nil {
				show(st)
			}
		}
	}()
	return func() { cancel(); <-done }
}
