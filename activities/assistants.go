package activities

import (
	"context"
	"net/http"
	"strconv"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/shared"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// AssistantsBackend speaks the Assistants v2 thread/run protocol (Azure OpenAI
// Assistants, Foundry classic agents, Assistants-compatible servers).
type AssistantsBackend struct {
	client openai.Client
}

// NewAssistantsBackend wraps an openai-go client, which must be built with
// option.WithMaxRetries(0): Temporal owns retries.
func NewAssistantsBackend(c openai.Client) *AssistantsBackend {
	return &AssistantsBackend{client: c}
}

// findRunWindow is how many recent runs FindRun scans for an idempotency key.
// A retry follows its create within seconds, so the run is among the newest.
const findRunWindow = 20

// CreateThread implements Backend.
func (b *AssistantsBackend) CreateThread(ctx context.Context) (string, error) {
	th, err := b.client.Beta.Threads.New(ctx, openai.BetaThreadNewParams{})
	if err != nil {
		return "", err
	}
	return th.ID, nil
}

// DeleteThread implements Backend.
func (b *AssistantsBackend) DeleteThread(ctx context.Context, threadID string) error {
	_, err := b.client.Beta.Threads.Delete(ctx, threadID)
	return err
}

// CreateRun implements Backend: the user's message travels as an
// additional_message of the run, so message and run are created atomically.
func (b *AssistantsBackend) CreateRun(ctx context.Context, in StartRunInput, key string) (assistant.RunState, error) {
	var resp *http.Response
	run, err := b.client.Beta.Threads.Runs.New(ctx, in.ThreadID, runParams(in, key), option.WithResponseInto(&resp))
	if err != nil {
		return assistant.RunState{}, err
	}
	return runState(run, resp)
}

// runParams is the create-run request: the message, the key in metadata.
func runParams(in StartRunInput, key string) openai.BetaThreadRunNewParams {
	meta := shared.Metadata{}
	for k, v := range in.Metadata {
		meta[k] = v
	}
	meta[MetadataKeyIdempotency] = key
	params := openai.BetaThreadRunNewParams{
		AssistantID: in.AssistantID,
		Metadata:    meta,
		AdditionalMessages: []openai.BetaThreadRunNewParamsAdditionalMessage{{
			Role:    "user",
			Content: openai.BetaThreadRunNewParamsAdditionalMessageContentUnion{OfString: openai.String(in.Message)},
		}},
	}
	if in.Instructions != "" {
		params.AdditionalInstructions = openai.String(in.Instructions)
	}
	return params
}

// FindRun implements Backend.
func (b *AssistantsBackend) FindRun(ctx context.Context, threadID, key string) (assistant.RunState, bool, error) {
	page, err := b.client.Beta.Threads.Runs.List(ctx, threadID, openai.BetaThreadRunListParams{
		Limit: openai.Int(findRunWindow),
		Order: openai.BetaThreadRunListParamsOrderDesc,
	})
	if err != nil {
		return assistant.RunState{}, false, err
	}
	for i := range page.Data {
		if page.Data[i].Metadata[MetadataKeyIdempotency] == key {
			st, err := runState(&page.Data[i], nil)
			return st, err == nil, err
		}
	}
	return assistant.RunState{}, false, nil
}

// GetRun implements Backend.
func (b *AssistantsBackend) GetRun(ctx context.Context, threadID, runID string) (assistant.RunState, error) {
	var resp *http.Response
	run, err := b.client.Beta.Threads.Runs.Get(ctx, threadID, runID, option.WithResponseInto(&resp))
	if err != nil {
		return assistant.RunState{}, err
	}
	return runState(run, resp)
}

// SubmitToolOutputs implements Backend.
func (b *AssistantsBackend) SubmitToolOutputs(ctx context.Context, threadID, runID string, outputs []assistant.ToolOutput) (assistant.RunState, error) {
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
func (b *AssistantsBackend) CancelRun(ctx context.Context, threadID, runID string) (assistant.RunState, error) {
	var resp *http.Response
	run, err := b.client.Beta.Threads.Runs.Cancel(ctx, threadID, runID, option.WithResponseInto(&resp))
	if err != nil {
		return assistant.RunState{}, err
	}
	return runState(run, resp)
}

// Reply implements Backend: the text of the assistant messages the run added.
func (b *AssistantsBackend) Reply(ctx context.Context, threadID, runID string) (assistant.Reply, error) {
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
		reply.Text = joinText(reply.Text, c.Text.Value)
		for _, a := range c.Text.Annotations {
			reply.Annotations = append(reply.Annotations, annotation(a))
		}
	}
}

// CreateAssistant implements Backend.
func (b *AssistantsBackend) CreateAssistant(ctx context.Context, in assistant.CreateAssistantInput) (string, error) {
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

func joinText(a, b string) string {
	if a == "" {
		return b
	}
	return a + "\n\n" + b
}

// runState translates a wire run; an unknown status is an error, never a loop.
func runState(r *openai.Run, resp *http.Response) (assistant.RunState, error) {
	status, err := assistant.ParseStatus(string(r.Status))
	if err != nil {
		return assistant.RunState{}, unknownState(r.ID, err)
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
		PollAfterMs:      pollAfterMs(resp),
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

func pollAfterMs(resp *http.Response) int64 {
	if resp == nil {
		return 0
	}
	ms, err := strconv.ParseInt(resp.Header.Get("openai-poll-after-ms"), 10, 64)
	if err != nil || ms < 0 {
		return 0
	}
	return ms
}
