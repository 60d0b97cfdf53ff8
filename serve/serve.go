// Package serve runs a durable-assistants worker: it reads the environment
// configuration, connects to Temporal and the model API, registers the
// workflows, activities and your tools, and runs until SIGINT/SIGTERM.
//
// A worker with your own tools is a few lines:
//
//	reg := tools.NewRegistry()
//	reg.MustRegister(tools.Examples()...)
//	reg.MustRegister(tools.Func("lookup_order", "Look up an order by ID", lookupOrder))
//	if err := serve.Main(reg); err != nil { log.Fatal(err) }
package serve

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/openai/openai-go/v3/option"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/activities/assistantsapi"
	"github.com/durable-assistants/durable-assistants/activities/responsesapi"
	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/internal/config"
	"github.com/durable-assistants/durable-assistants/tools"
	"github.com/durable-assistants/durable-assistants/workflows"
)

// StopTimeout is how long activities in flight get to finish (and keep
// heartbeating) after SIGTERM; then their contexts are cancelled and what
// did not finish is retried by another worker. An orchestrator's grace
// period must be longer (docker-compose.yml: stop_grace_period).
const StopTimeout = 10 * time.Second

// Main runs a worker configured from the environment until SIGINT or SIGTERM.
// `worker healthcheck` instead asks a running worker whether it is ready
// (see Healthcheck).
func Main(reg *tools.Registry) error {
	if len(os.Args) == 2 && os.Args[1] == "healthcheck" {
		return Healthcheck()
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	cfg, err := config.LoadWorker()
	if err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	return Run(ctx, cfg, reg)
}

// Run runs a worker with the given configuration until ctx is done.
func Run(ctx context.Context, cfg config.Worker, reg *tools.Registry) error {
	logger := redactPayloads(cfg.Log.Logger())
	obs, err := startObservability(ctx, cfg.Observability, reg.Names(), logger)
	if err != nil {
		return err
	}
	defer obs.close()
	h := &health{}
	tc, err := cfg.Temporal.Dial(logger, obs.clientOptions, h.clientOptions)
	if err != nil {
		return err
	}
	defer tc.Close()
	h.tc = tc
	if cfg.HealthAddress != "" {
		// Up until Run returns: /readyz says "stopping" while activities finish.
		hctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		if err := h.start(hctx, cfg.HealthAddress, logger); err != nil {
			return err
		}
	}
	if err := EnsureSearchAttributes(ctx, tc, cfg.Namespace, cfg.RegisterSearchAttributes, logger); err != nil {
		return err
	}
	closeMCP, err := connectMCP(ctx, cfg.MCPServers, reg, logger)
	if err != nil {
		return err
	}
	defer closeMCP()
	backend, err := newBackend(ctx, cfg.Model, reg, obs.apiOptions()...)
	if err != nil {
		return err
	}
	dc, err := cfg.Temporal.DataConverter()
	if err != nil {
		return err
	}
	acts := activities.New(backend, reg, activities.Options{PollInitial: cfg.PollInitial, PollMax: cfg.PollMax,
		DefaultMode: assistant.Mode(cfg.RunMode), DataConverter: dc})
	// Process-wide, so before the worker is built (config.Worker.StickyCache).
	worker.SetStickyWorkflowCacheSize(cfg.StickyCache)
	w := NewWorker(tc, cfg.TaskQueue, acts, WorkerOptions(cfg.MaxConcurrent, cfg.ActivityPollers))
	registerSweep(w, tc)
	if err := awaitNamespace(ctx, tc, cfg.Namespace, logger); err != nil {
		return fmt.Errorf("start worker: %w", err)
	}
	if err := w.Start(); err != nil {
		return fmt.Errorf("start worker: %w", err)
	}
	go keepSweepSchedule(ctx, tc, cfg.TaskQueue, cfg.SweepInterval, logger)
	h.ready.Store(true)
	logger.Info("Worker started", "TaskQueue", cfg.TaskQueue, "Namespace", cfg.Namespace,
		"Protocol", cfg.ProtocolOrDefault(), "Tools", reg.Names(), "PayloadCodec", payloadCodecState(cfg.Temporal))
	<-ctx.Done()
	h.ready.Store(false)
	logger.Info("Worker stopping", "StopTimeout", StopTimeout)
	w.Stop()
	return nil
}

// newBackend builds the wire protocol chosen by config (docs/design.md#protocols).
func newBackend(ctx context.Context, m config.Model, reg *tools.Registry, extra ...option.RequestOption) (activities.Backend, error) {
	oc, err := m.NewClient(ctx, extra...)
	if err != nil {
		return nil, fmt.Errorf("model API: %w", err)
	}
	if m.ProtocolOrDefault() != config.ProtocolResponses {
		return assistantsapi.New(oc), nil
	}
	profiles, err := m.Profiles.Parse()
	if err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	return responsesapi.New(oc, profiles, reg.Definitions), nil
}

// Register registers the workflows and activities on a worker.
func Register(w worker.Registry, acts *activities.Activities) {
	w.RegisterWorkflowWithOptions(workflows.RunWith(workflows.Defaults{Mode: activities.DefaultModeOf(acts)}),
		workflow.RegisterOptions{Name: assistant.WorkflowRun})
	w.RegisterWorkflowWithOptions(workflows.CreateAssistant,
		workflow.RegisterOptions{Name: assistant.WorkflowCreateAssistant})
	w.RegisterWorkflowWithOptions(workflows.Assistants, workflow.RegisterOptions{Name: assistant.WorkflowAssistants})
	w.RegisterWorkflowWithOptions(workflows.Threads, workflow.RegisterOptions{Name: assistant.WorkflowThreads})
	w.RegisterWorkflowWithOptions(workflows.Files, workflow.RegisterOptions{Name: assistant.WorkflowFiles})
	w.RegisterWorkflowWithOptions(workflows.Conversation, workflow.RegisterOptions{Name: assistant.WorkflowConversation})
	w.RegisterActivity(acts)
}
