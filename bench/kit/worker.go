package kit

import (
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	tclient "go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/serve"
)

// Tuning are the knobs tried from outside the workflow code. Zero values
// keep what serve.Run uses (SDK defaults, 500 activity slots, poll 100ms..1s).
type Tuning struct {
	WorkflowPollers int
	ActivityPollers int
	ActivitySlots   int
	StickyCache     int // worker.SetStickyWorkflowCacheSize (process-wide), 0 = SDK default
	PollInitial     time.Duration
	PollMax         time.Duration
	// Variant registers the prototype workflow RunLA as well.
	Variant bool
}

// NewWorker builds a worker wired as serve.Run wires it, with t applied.
func NewWorker(tc tclient.Client, queue, modelURL string, t Tuning) worker.Worker {
	if t.StickyCache > 0 {
		worker.SetStickyWorkflowCacheSize(t.StickyCache)
	}
	oc := openai.NewClient(option.WithBaseURL(modelURL), option.WithAPIKey("bench"),
		option.WithMaxRetries(0), option.WithRequestTimeout(60*time.Second))
	acts := activities.New(activities.NewAssistantsBackend(oc), Registry(),
		activities.Options{PollInitial: t.PollInitial, PollMax: t.PollMax})
	slots := t.ActivitySlots
	if slots == 0 {
		slots = 500
	}
	w := worker.New(tc, queue, worker.Options{
		MaxConcurrentActivityExecutionSize:      slots,
		MaxConcurrentWorkflowTaskPollers:        t.WorkflowPollers,
		MaxConcurrentActivityTaskPollers:        t.ActivityPollers,
		MaxConcurrentLocalActivityExecutionSize: max(slots, 1000),
		WorkerStopTimeout:                       2 * time.Second,
	})
	serve.Register(w, acts)
	if t.Variant {
		RegisterVariant(w, acts)
	}
	return w
}

// RegisterVariant registers RunLA and its combined activities.
func RegisterVariant(w worker.Registry, acts *activities.Activities) {
	bridge = &variantActs{acts: acts}
	w.RegisterWorkflowWithOptions(RunLA, workflow.RegisterOptions{Name: RunLAName})
	w.RegisterActivity(bridge)
}
