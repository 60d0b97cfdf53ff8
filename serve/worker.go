package serve

import (
	"time"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"

	"github.com/durable-assistants/durable-assistants/activities"
)

// WorkerOptions are the options every worker of this project runs with
// (Run's, the bench's, tests'): slots concurrent activities, pollers
// concurrent activity task polls (config.Worker explains both).
func WorkerOptions(slots, pollers int) worker.Options {
	return worker.Options{
		MaxConcurrentActivityExecutionSize: slots,
		// The SDK's 2 polls leave task queue partitions without a poll;
		// their tool calls then start ~2 s late (config.Worker).
		MaxConcurrentActivityTaskPollers: pollers,
		WorkerStopTimeout:                StopTimeout,
		// A streaming run's text so far travels in heartbeat details; this
		// keeps what clients read at most a second old.
		MaxHeartbeatThrottleInterval: time.Second,
	}
}

// NewWorker is a worker polling queue with the workflows and acts
// registered: what Run starts, and what the bench and tests start in
// process. Start it, and Stop it when done.
func NewWorker(tc client.Client, queue string, acts *activities.Activities, opts worker.Options) worker.Worker {
	w := worker.New(tc, queue, opts)
	Register(w, acts)
	return w
}
