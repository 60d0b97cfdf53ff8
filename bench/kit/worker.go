package kit

import (
	"reflect"
	"strconv"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	tclient "go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/activities/assistantsapi"
	"github.com/durable-assistants/durable-assistants/internal/config"
	"github.com/durable-assistants/durable-assistants/serve"
)

// Tuning are the knobs tried from outside the workflow code. Zero values
// keep what serve.Run uses (SDK defaults, activity pollers as
// WORKER_ACTIVITY_POLLERS's default), except 500 activity slots where
// serve.Run now has 1000.
type Tuning struct {
	WorkflowPollers int
	ActivityPollers int
	ActivitySlots   int
	StickyCache     int // worker.SetStickyWorkflowCacheSize (process-wide), 0 = serve.Run's default
	PollInitial     time.Duration
	PollMax         time.Duration
	NoEager         bool // worker.Options.DisableEagerActivities: every activity through a poll
	LocalTools      bool // the bench tool registered with tools.WithLocal
}

// NewWorker builds a worker wired as serve.Run wires it (serve.NewWorker,
// serve.WorkerOptions), with t applied.
func NewWorker(tc tclient.Client, queue, modelURL string, t Tuning) worker.Worker {
	if t.StickyCache == 0 {
		t.StickyCache = DefaultStickyCache()
	}
	worker.SetStickyWorkflowCacheSize(t.StickyCache)
	oc := openai.NewClient(option.WithBaseURL(modelURL), option.WithAPIKey("bench"),
		option.WithMaxRetries(0), option.WithRequestTimeout(60*time.Second))
	acts := activities.New(assistantsapi.New(oc), RegistryOf(t.LocalTools),
		activities.Options{PollInitial: t.PollInitial, PollMax: t.PollMax})
	slots := t.ActivitySlots
	if slots == 0 {
		slots = 500
	}
	pollers := t.ActivityPollers
	if pollers == 0 {
		pollers = DefaultActivityPollers()
	}
	opts := serve.WorkerOptions(slots, pollers)
	opts.MaxConcurrentWorkflowTaskPollers = t.WorkflowPollers
	opts.MaxConcurrentLocalActivityExecutionSize = max(slots, 1000)
	opts.WorkerStopTimeout = 2 * time.Second
	opts.DisableEagerActivities = t.NoEager
	return serve.NewWorker(tc, queue, acts, opts)
}

// DefaultActivityPollers is serve.Run's default MaxConcurrentActivityTaskPollers
// (the envDefault of config.Worker.ActivityPollers).
func DefaultActivityPollers() int { return configDefault("ActivityPollers") }

// DefaultStickyCache is serve.Run's sticky workflow cache size (the
// envDefault of config.Worker.StickyCache).
func DefaultStickyCache() int { return configDefault("StickyCache") }

// configDefault is the numeric envDefault of a config.Worker field.
func configDefault(field string) int {
	f, _ := reflect.TypeFor[config.Worker]().FieldByName(field)
	n, err := strconv.Atoi(f.Tag.Get("envDefault"))
	if err != nil {
		panic("config.Worker." + field + " has no numeric envDefault")
	}
	return n
}
