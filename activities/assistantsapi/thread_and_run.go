package assistantsapi

import (
	"context"
	"net/http"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/shared"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// CreateThreadAndRun implements activities.ThreadRunner: POST /threads/runs
// with the run's messages on the new thread, the key in the metadata of
// both thread and run.
func (b *Backend) CreateThreadAndRun(ctx context.Context, in activities.StartRunInput, key string) (assistant.RunState, error) {
	var resp *http.Response
	run, err := b.client.Beta.Threads.NewAndRun(ctx, threadAndRunParams(in, key), option.WithResponseInto(&resp))
	if err != nil {
		return assistant.RunState{}, err
	}
	return runState(run, resp)
}

// StreamThreadAndRun implements activities.ThreadRunStreamer: the same
// request with stream=true; its thread.created event names the thread.
func (b *Backend) StreamThreadAndRun(ctx context.Context, in activities.StartRunInput, key string, on func(activities.StreamEvent) error) error {
	return consumeAssistantStream(b.client.Beta.Threads.NewAndRunStreaming(ctx, threadAndRunParams(in, key)), on)
}

// threadAndRunParams is the create-run request of runParams in the shape of
// POST /threads/runs: its messages (the overrides' additional messages,
// then the run's) go on the thread, which has no additional_messages. It
// has no additional_instructions either: RunRequest.Validate refuses them
// with create_thread_and_run.
func threadAndRunParams(in activities.StartRunInput, key string) openai.BetaThreadNewAndRunParams {
	p := runParams(in, key)
	out := openai.BetaThreadNewAndRunParams{
		AssistantID: p.AssistantID, Instructions: p.Instructions, Model: p.Model, Metadata: p.Metadata,
		Tools: p.Tools, ToolChoice: p.ToolChoice, ParallelToolCalls: p.ParallelToolCalls,
		Temperature: p.Temperature, TopP: p.TopP, ResponseFormat: p.ResponseFormat,
		MaxPromptTokens: p.MaxPromptTokens, MaxCompletionTokens: p.MaxCompletionTokens,
		Thread: openai.BetaThreadNewAndRunParamsThread{Metadata: shared.Metadata{activities.MetadataKeyIdempotency: key}},
	}
	if t := p.TruncationStrategy; t.Type != "" {
		out.TruncationStrategy = openai.BetaThreadNewAndRunParamsTruncationStrategy{Type: t.Type, LastMessages: t.LastMessages}
	}
	for _, m := range p.AdditionalMessages {
		out.Thread.Messages = append(out.Thread.Messages, openai.BetaThreadNewAndRunParamsThreadMessage{Role: m.Role,
			Content: openai.BetaThreadNewAndRunParamsThreadMessageContentUnion{OfString: m.Content.OfString}})
	}
	return out
}

// Backend creates a thread and its run in one request.
var (
	_ activities.ThreadRunner      = (*Backend)(nil)
	_ activities.ThreadRunStreamer = (*Backend)(nil)
)
