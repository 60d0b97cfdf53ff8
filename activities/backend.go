package activities

import (
	"context"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// Backend is one wire protocol of the model API, translated to the project's
// own types. Activities hold the protocol-neutral logic (heartbeats, polling,
// retries, idempotency); a Backend only speaks the wire. Every error it
// returns is a raw client error: the activities classify it.
type Backend interface {
	// CreateThread creates an empty thread and returns its ID.
	CreateThread(ctx context.Context) (string, error)
	// DeleteThread deletes a thread (a conversation on the responses protocol).
	DeleteThread(ctx context.Context, threadID string) error
	// CreateRun creates a run on the thread with the user's message in the same
	// request, tagging it with the idempotency key.
	CreateRun(ctx context.Context, in StartRunInput, key string) (assistant.RunState, error)
	// FindRun looks for a recent run on the thread tagged with key.
	FindRun(ctx context.Context, threadID, key string) (assistant.RunState, bool, error)
	// GetRun reads a run.
	GetRun(ctx context.Context, threadID, runID string) (assistant.RunState, error)
	// SubmitToolOutputs sends all outputs of a requires_action in one request;
	// run is the run's settings when its state asked for them, else nil.
	SubmitToolOutputs(ctx context.Context, threadID, runID string, outputs []assistant.ToolOutput, run *RunSettings) (assistant.RunState, error)
	// CancelRun asks the API to cancel a run.
	CancelRun(ctx context.Context, threadID, runID string) (assistant.RunState, error)
	// Reply reads the assistant's reply produced by a completed run.
	Reply(ctx context.Context, threadID, runID string) (assistant.Reply, error)
	// CreateAssistant creates an assistant with the given function tools.
	CreateAssistant(ctx context.Context, in assistant.CreateAssistantInput) (string, error)
	// Pollable reports whether GetRun can read the run runID names. A backend
	// that adopts a turn an earlier attempt made may name it by an ID with no
	// run behind it (Responses): a retry then adopts it again.
	Pollable(runID string) bool
}

// MetadataKeyIdempotency is the run metadata key carrying the idempotency key.
const MetadataKeyIdempotency = assistant.ReservedMetadataKey

// StepLister is a Backend that can list a run's steps (the assistants
// protocol). A backend whose run states carry their steps already
// (responses) needs none.
type StepLister interface {
	// RunStepsPage reads one page of the run's steps, oldest first, after
	// the step with ID after ("" from the first); more says one follows.
	RunStepsPage(ctx context.Context, threadID, runID, after string) (steps []assistant.RunStep, more bool, err error)
}
