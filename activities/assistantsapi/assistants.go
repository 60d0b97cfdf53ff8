package assistantsapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/shared"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/activities/filesapi"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// Backend speaks the Assistants v2 thread/run protocol (Azure OpenAI
// Assistants, Foundry classic agents, Assistants-compatible servers).
type Backend struct {
	client openai.Client
	filesapi.Files
}

// New wraps an openai-go client, which must be built with
// option.WithMaxRetries(0): Temporal owns retries.
func New(c openai.Client) *Backend {
	return &Backend{client: c, Files: filesapi.New(c)}
}

// findRunWindow is how many recent runs FindRun scans for an idempotency key.
// A retry follows its create within seconds, so the run is among the newest.
const findRunWindow = 20

// CreateThread implements Backend.
func (b *Backend) CreateThread(ctx context.Context) (string, error) {
	th, err := b.client.Beta.Threads.New(ctx, openai.BetaThreadNewParams{})
	if err != nil {
		return "", err
	}
	return th.ID, nil
}

// DeleteThread implements Backend.
func (b *Backend) DeleteThread(ctx context.Context, threadID string) error {
	_, err := b.client.Beta.Threads.Delete(ctx, threadID)
	return err
}

// CreateRun implements Backend: the user's message travels as an
// additional_message of the run, so message and run are created atomically.
func (b *Backend) CreateRun(ctx context.Context, in activities.StartRunInput, key string) (assistant.RunState, error) {
	if err := b.setThreadResources(ctx, in.ThreadID, in.ToolResources); err != nil {
		return assistant.RunState{}, err
	}
	var resp *http.Response
	run, err := b.client.Beta.Threads.Runs.New(ctx, in.ThreadID, runParams(in, key), option.WithResponseInto(&resp))
	if err != nil {
		return assistant.RunState{}, activeRun(err)
	}
	return runState(run, resp)
}

// runParams is the create-run request: the message, the key in metadata.
func runParams(in activities.StartRunInput, key string) openai.BetaThreadRunNewParams {
	meta := shared.Metadata{}
	for k, v := range in.Metadata {
		meta[k] = v
	}
	meta[activities.MetadataKeyIdempotency] = key
	params := openai.BetaThreadRunNewParams{
		AssistantID: in.AssistantID,
		Metadata:    meta,
		AdditionalMessages: []openai.BetaThreadRunNewParamsAdditionalMessage{
			additionalMessage("user", in.Message, in.Attachments, in.Images),
		},
	}
	if in.Instructions != "" {
		params.AdditionalInstructions = openai.String(in.Instructions)
	}
	runOverrides(&params, in)
	if in.MessagesOnThread { // a create-thread-and-run put them there
		params.AdditionalMessages = nil
	}
	return params
}

// FindRun implements Backend.
func (b *Backend) FindRun(ctx context.Context, threadID, key string) (assistant.RunState, bool, error) {
	page, err := b.client.Beta.Threads.Runs.List(ctx, threadID, openai.BetaThreadRunListParams{
		Limit: openai.Int(findRunWindow),
		Order: openai.BetaThreadRunListParamsOrderDesc,
	})
	if err != nil {
		return assistant.RunState{}, false, err
	}
	for i := range page.Data {
		if page.Data[i].Metadata[activities.MetadataKeyIdempotency] == key {
			st, err := runState(&page.Data[i], nil)
			return st, err == nil, err
		}
	}
	return assistant.RunState{}, false, nil
}

// GetRun implements Backend.
func (b *Backend) GetRun(ctx context.Context, threadID, runID string) (assistant.RunState, error) {
	var resp *http.Response
	run, err := b.client.Beta.Threads.Runs.Get(ctx, threadID, runID, option.WithResponseInto(&resp))
	if err != nil {
		return assistant.RunState{}, err
	}
	return runState(run, resp)
}

// SubmitToolOutputs implements Backend. The run keeps its own settings at
// the API, so it never asks for them.
func (b *Backend) SubmitToolOutputs(ctx context.Context, threadID, runID string, outputs []assistant.ToolOutput, _ *activities.RunSettings) (assistant.RunState, error) {
	var resp *http.Response
	run, err := b.client.Beta.Threads.Runs.SubmitToolOutputs(ctx, threadID, runID, submitParams(outputs), option.WithResponseInto(&resp))
	if err != nil {
		return assistant.RunState{}, err
	}
	return runState(run, resp)
}

func submitParams(outputs []assistant.ToolOutput) openai.BetaThreadRunSubmitToolOutputsParams {
	params := openai.BetaThreadRunSubmitToolOutputsParams{}
	for _, o := range outputs {
		params.ToolOutputs = append(params.ToolOutputs, openai.BetaThreadRunSubmitToolOutputsParamsToolOutput{
			ToolCallID: openai.String(o.ToolCallID),
			Output:     openai.String(o.Output),
		})
	}
	return params
}

// CancelRun implements Backend.
func (b *Backend) CancelRun(ctx context.Context, threadID, runID string) (assistant.RunState, error) {
	var resp *http.Response
	run, err := b.client.Beta.Threads.Runs.Cancel(ctx, threadID, runID, option.WithResponseInto(&resp))
	if err != nil {
		return assistant.RunState{}, err
	}
	return runState(run, resp)
}

// Reply implements Backend: the text of the assistant messages the run added.
func (b *Backend) Reply(ctx context.Context, threadID, runID string) (assistant.Reply, error) {
	page, err := b.client.Beta.Threads.Messages.List(ctx, threadID, openai.BetaThreadMessageListParams{
		RunID: openai.String(runID),
		Order: openai.BetaThreadMessageListParamsOrderAsc,
		Limit: openai.Int(100),
	})
	if err != nil {
		return assistant.Reply{}, err
	}
	var reply assistant.Reply
	for _, m := range page.Data {
		if m.Role == "assistant" {
			addReply(&reply, m)
		}
	}
	return reply, nil
}

// addReply appends the text parts of an assistant message, with their
// annotations, to the reply.
func addReply(reply *assistant.Reply, m openai.Message) {
	for _, c := range m.Content {
		if c.Type != "text" {
			continue
		}
		var anns []assistant.Annotation
		for _, a := range c.Text.Annotations {
			anns = append(anns, annotation(a))
		}
		activities.AppendReply(reply, c.Text.Value, anns)
	}
}

// CreateAssistant implements Backend.
func (b *Backend) CreateAssistant(ctx context.Context, in assistant.CreateAssistantInput) (string, error) {
	params := openai.BetaAssistantNewParams{Model: in.Model, Name: openai.String(in.Name)}
	if in.Instructions != "" {
		params.Instructions = openai.String(in.Instructions)
	}
	for _, t := range in.Tools {
		params.Tools = append(params.Tools, openai.AssistantToolUnionParam{OfFunction: &openai.FunctionToolParam{
			Function: shared.FunctionDefinitionParam{
				Name:        t.Name,
				Description: openai.String(t.Description),
				Parameters:  t.Parameters,
				Strict:      openai.Bool(t.Strict),
			},
		}})
	}
	a, err := b.client.Beta.Assistants.New(ctx, params)
	if err != nil {
		return "", err
	}
	return a.ID, nil
}

func annotation(a openai.AnnotationUnion) assistant.Annotation {
	out := assistant.Annotation{Type: a.Type, Text: a.Text, StartIndex: a.StartIndex, EndIndex: a.EndIndex}
	switch a.Type {
	case "file_citation":
		out.FileID = a.FileCitation.FileID
	case "file_path":
		out.FileID = a.FilePath.FileID
	}
	return out
}

// runState translates a wire run; an unknown status is an error, never a loop.
func runState(r *openai.Run, resp *http.Response) (assistant.RunState, error) {
	status, err := assistant.ParseStatus(string(r.Status))
	if err != nil {
		return assistant.RunState{}, activities.UnknownState(r.ID, err)
	}
	st := assistant.RunState{
		ThreadID:  r.ThreadID,
		APIRunID:  r.ID,
		Status:    status,
		ExpiresAt: r.ExpiresAt,
		Usage: assistant.Usage{
			PromptTokens:     r.Usage.PromptTokens,
			CompletionTokens: r.Usage.CompletionTokens,
			TotalTokens:      r.Usage.TotalTokens,
		},
		IncompleteReason: r.IncompleteDetails.Reason,
		PollAfterMs:      activities.PollAfterMs(resp),
		Model:            r.Model,
	}
	if r.LastError.Code != "" || r.LastError.Message != "" {
		st.LastError = &assistant.RunError{Code: string(r.LastError.Code), Message: r.LastError.Message}
	}
	if status == assistant.StatusRequiresAction {
		for _, tc := range r.RequiredAction.SubmitToolOutputs.ToolCalls {
			st.ToolCalls = append(st.ToolCalls, assistant.ToolCall{
				ID: tc.ID, Name: tc.Function.Name, Arguments: tc.Function.Arguments,
			})
		}
	}
	return st, nil
}

// activeRun marks the API's refusal of a create because another run is
// active on the thread (a 400 whose message says so: the API gives it no
// code) as activities.ErrRunActive, keeping the API error for classification.
func activeRun(err error) error {
	var apiErr *openai.Error
	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusBadRequest &&
		strings.Contains(apiErr.Message, "already has an active run") {
		return fmt.Errorf("%w: %w", activities.ErrRunActive, err)
	}
	return err
}

// Pollable implements activities.Backend: every run ID names a run.
func (b *Backend) Pollable(runID string) bool { return runID != "" }
