// Package client is the Go API backend services use to run assistants
// durably: start a run, follow it, await its Result, cancel it.
package client

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"

	tclient "go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// Options configure a Client.
type Options struct {
	TaskQueue string // the workers' task queue
	Namespace string // for UI links; "default" when empty
	UIURL     string // the Temporal UI, e.g. http://localhost:8233; "" for no links
	// SummaryIncludeText puts the start of the user's message in the UI
	// details of the runs started (config SUMMARY_INCLUDE_TEXT); off by
	// default since anyone with UI access reads them.
	SummaryIncludeText bool
	// DataConverter is the converter the Temporal client was dialled with
	// (codec.DataConverter(c) when payloads are encrypted); the package
	// decodes with it what it reads outside a workflow result, such as the
	// heartbeat details behind Run.State. nil: the SDK's default.
	DataConverter converter.DataConverter
	// EagerStart asks the server to hand a run's first workflow task
	// straight back to a worker of this process (eager workflow start), one
	// dispatch less (issue 18). It takes effect only when the Temporal
	// client is the one that worker was created with, on the same task queue
	// (embedded use, the bench, tests); otherwise the run starts as usual.
	EagerStart bool
}

// Client starts and follows runs through Temporal. It never holds a model
// API key: the worker does.
type Client struct {
	tc   tclient.Client
	opts Options
}

// New wraps a connected Temporal client.
func New(tc tclient.Client, opts Options) *Client {
	if opts.Namespace == "" {
		opts.Namespace = "default"
	}
	if opts.DataConverter == nil {
		opts.DataConverter = converter.GetDefaultDataConverter()
	}
	return &Client{tc: tc, opts: opts}
}

// RunOption changes how a run is started.
type RunOption func(*tclient.StartWorkflowOptions)

// WithWorkflowID sets the workflow ID (default: "run-" and a random suffix).
// Starting twice with the same ID while the first runs is rejected.
func WithWorkflowID(id string) RunOption {
	return func(o *tclient.StartWorkflowOptions) { o.ID = id }
}

// StartRun validates the request and starts a Run workflow.
func (c *Client) StartRun(ctx context.Context, req assistant.RunRequest, opts ...RunOption) (*Run, error) {
	if err := req.Validate(); err != nil {
		return nil, fmt.Errorf("invalid run request: %w", err)
	}
	so := tclient.StartWorkflowOptions{
		ID:                    "run-" + randomSuffix(),
		TaskQueue:             c.opts.TaskQueue,
		StaticSummary:         c.summary(req),
		StaticDetails:         c.details(req),
		TypedSearchAttributes: assistant.StartSearchAttributes(req.AssistantID, req.ThreadID),
		EnableEagerStart:      c.opts.EagerStart,
	}
	for _, o := range opts {
		o(&so)
	}
	// Conversations and their turns own that prefix: a run under it could
	// take a future turn's workflow ID and make that turn fail.
	if strings.HasPrefix(so.ID, assistant.ConversationWorkflowID("")) {
		return nil, fmt.Errorf("invalid workflow ID %q: the prefix %q belongs to conversations", so.ID, assistant.ConversationWorkflowID(""))
	}
	wr, err := c.tc.ExecuteWorkflow(ctx, so, assistant.WorkflowRun, req)
	if err != nil {
		return nil, fmt.Errorf("start run workflow: %w", err)
	}
	return &Run{c: c, WorkflowID: wr.GetID(), WorkflowRunID: wr.GetRunID()}, nil
}

// Run starts a run and waits for its Result.
func (c *Client) Run(ctx context.Context, req assistant.RunRequest, opts ...RunOption) (assistant.Result, error) {
	r, err := c.StartRun(ctx, req, opts...)
	if err != nil {
		return assistant.Result{}, err
	}
	return r.Result(ctx)
}

// CreateAssistant asks a worker to create an assistant that offers the
// worker's registered tools, and returns its ID.
func (c *Client) CreateAssistant(ctx context.Context, name, model, instructions string) (string, error) {
	so := tclient.StartWorkflowOptions{
		ID:            "create-assistant-" + randomSuffix(),
		TaskQueue:     c.opts.TaskQueue,
		StaticSummary: "create assistant " + name,
		StaticDetails: fmt.Sprintf("name: %s\nmodel: %s\ntools: the worker's registered tools", name, model),
	}
	in := assistant.CreateAssistantInput{Name: name, Model: model, Instructions: instructions}
	wr, err := c.tc.ExecuteWorkflow(ctx, so, assistant.WorkflowCreateAssistant, in)
	if err != nil {
		return "", fmt.Errorf("start create-assistant workflow: %w", err)
	}
	var id string
	if err := wr.Get(ctx, &id); err != nil {
		return "", err
	}
	return id, nil
}

// UIURL links to a workflow in the Temporal UI ("" without a UI configured).
func (c *Client) UIURL(workflowID, runID string) string {
	if c.opts.UIURL == "" {
		return ""
	}
	return fmt.Sprintf("%s/namespaces/%s/workflows/%s/%s/history", strings.TrimRight(c.opts.UIURL, "/"),
		url.PathEscape(c.opts.Namespace), url.PathEscape(workflowID), url.PathEscape(runID))
}

// summary is the workflow's static summary in the UI. It holds IDs only: the
// user's text is readable by anyone with UI access.
func (c *Client) summary(req assistant.RunRequest) string {
	thread := "a new thread"
	if req.ThreadID != "" {
		thread = req.ThreadID
	}
	s := fmt.Sprintf("run of %s on %s", req.AssistantID, thread)
	if c.opts.SummaryIncludeText {
		s += ": " + cut(req.Message, 60)
	}
	return s
}

func randomSuffix() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
