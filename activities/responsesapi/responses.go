package responsesapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/conversations"
	"github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/responses"
	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/activities/filesapi"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// Backend speaks the Responses API with Conversations (OpenAI today,
// new Azure AI Foundry agents). A thread is a conversation; a run is a chain
// of background responses on it, each one's ID being the run ID in turn; a
// requires_action is a completed response whose output holds function_call
// items, answered by a new response whose input holds the function_call_output
// items.
type Backend struct {
	client   openai.Client
	profiles map[string]assistant.Profile
	tools    func() []assistant.ToolDefinition
	filesapi.Files
}

// New wraps an openai-go client, which must be built with
// option.WithMaxRetries(0) (Temporal owns retries). profiles are the
// assistants runs may name; tools are offered to the model on every
// response, read anew each time (an MCP server's list changes at run time).
func New(c openai.Client, profiles map[string]assistant.Profile, tools func() []assistant.ToolDefinition) *Backend {
	return &Backend{client: c, profiles: profiles, tools: tools, Files: filesapi.New(c)}
}

// functionTools are the tools offered to the model now.
func (b *Backend) functionTools() []responses.ToolUnionParam {
	var out []responses.ToolUnionParam
	for _, t := range b.tools() {
		out = append(out, responses.ToolUnionParam{OfFunction: &responses.FunctionToolParam{
			Name: t.Name, Description: openai.String(t.Description), Parameters: t.Parameters, Strict: openai.Bool(t.Strict),
		}})
	}
	return out
}

// CreateThread implements Backend: a thread is an empty conversation.
func (b *Backend) CreateThread(ctx context.Context) (string, error) {
	c, err := b.client.Conversations.New(ctx, conversations.ConversationNewParams{})
	if err != nil {
		return "", err
	}
	return c.ID, nil
}

// DeleteThread implements Backend: the thread is a conversation.
func (b *Backend) DeleteThread(ctx context.Context, threadID string) error {
	_, err := b.client.Conversations.Delete(ctx, threadID)
	return err
}

// CreateRun implements Backend: one background response on the conversation
// with the user's message as its input. A retried attempt first looks at the
// conversation: when our message was already consumed it adopts that turn
// instead of paying for a second response.
func (b *Backend) CreateRun(ctx context.Context, in activities.StartRunInput, key string) (assistant.RunState, error) {
	params, err := b.runParams(in, key)
	if err != nil {
		return assistant.RunState{}, err
	}
	ad := startAdoption(in, key, params.Model)
	if activities.Retried(ctx) {
		if st, ok, err := b.adopt(ctx, in.ThreadID, ad); err != nil || ok {
			return st, err
		}
	}
	return b.create(ctx, params, ad)
}

// startAdoption is how a retried start recognizes its turn, and what an
// adopted one carries on with: the profile and the run's key.
func startAdoption(in activities.StartRunInput, key, model string) adoption {
	return adoption{mark: userMessageMark(in.Message), model: model, turn: adoptedTurn{
		Profile: in.AssistantID, Key: key,
	}}
}

// runParams is the request of a run's first response: the profile's model
// and instructions, the chain tag, and the user's message as input, with the
// run's overrides (responses_overrides.go).
func (b *Backend) runParams(in activities.StartRunInput, key string) (responses.ResponseNewParams, error) {
	p, err := b.profile(in.AssistantID)
	if err != nil {
		return responses.ResponseNewParams{}, err
	}
	if err := refuseResponsesOverrides(in.Overrides); err != nil {
		return responses.ResponseNewParams{}, err
	}
	if err := refuseResponsesFiles(in); err != nil {
		return responses.ResponseNewParams{}, err
	}
	base := p.Instructions
	if in.Overrides != nil && in.Overrides.Instructions != nil {
		base = *in.Overrides.Instructions
	}
	params := b.newParams(in.ThreadID, p.Model, joinInstructions(base, in.Instructions), nil)
	msg := inputMessage(assistant.RoleUser, in.Message, in.Attachments, in.Images)
	params.Input.OfInputItemList = responses.ResponseInputParam{msg}
	tag := chainTag{Profile: in.AssistantID, Key: key, Flags: b.responseOverrides(&params, in)}
	params.Tools = append(params.Tools, fileTools(in)...)
	params.Metadata = tag.metadata(in.Metadata)
	return params, nil
}

// FindRun implements Backend. The Responses API cannot list a conversation's
// responses, and items carry no metadata, so there is nothing to find by key:
// CreateRun, which knows the message, does the search through the
// conversation's items instead.
func (b *Backend) FindRun(context.Context, string, string) (assistant.RunState, bool, error) {
	return assistant.RunState{}, false, nil
}

// CreateAssistant implements Backend: this protocol has no assistant objects.
func (b *Backend) CreateAssistant(context.Context, assistant.CreateAssistantInput) (string, error) {
	return "", temporal.NewNonRetryableApplicationError(
		"create assistant: the responses protocol has no assistant objects; name an assistant profile "+
			"(ASSISTANT_PROFILES, or \"default\" from OPENAI_MODEL) as the run's assistant ID instead",
		assistant.ErrorTypeInvalidInput, nil)
}

// newParams is a background, stored response on the conversation, offering
// every tool; the caller sets the input.
func (b *Backend) newParams(convID, model, instructions string, meta map[string]string) responses.ResponseNewParams {
	params := responses.ResponseNewParams{
		Model:        model,
		Conversation: responses.ResponseNewParamsConversationUnion{OfString: openai.String(convID)},
		Background:   openai.Bool(true),
		Store:        openai.Bool(true),
		Tools:        b.functionTools(),
		Metadata:     meta,
	}
	if instructions != "" {
		params.Instructions = openai.String(instructions)
	}
	return params
}

// create posts the response. conversation_locked means a response runs on
// the conversation: ours from a lost attempt (adopted once it settles) or
// someone else's (waited for, as a retryable error).
func (b *Backend) create(ctx context.Context, params responses.ResponseNewParams, ad adoption) (assistant.RunState, error) {
	var httpResp *http.Response
	resp, err := b.client.Responses.New(ctx, params, option.WithResponseInto(&httpResp))
	if err == nil {
		return responseState(resp.RawJSON(), httpResp)
	}
	if !isConversationLocked(err) {
		return assistant.RunState{}, err
	}
	return b.locked(ctx, params.Conversation.OfString.Value, ad)
}

// locked answers a create refused with conversation_locked: a retry adopts
// the turn when the conversation shows its input; otherwise the create waits
// for the conversation to settle (a retryable error). Only a retry may
// adopt: a first attempt created nothing, so a matching item belongs to an
// earlier turn that happened to carry the same text.
func (b *Backend) locked(ctx context.Context, convID string, ad adoption) (assistant.RunState, error) {
	if activities.Retried(ctx) {
		if st, ok, err := b.adopt(ctx, convID, ad); err != nil || ok {
			return st, err
		}
	}
	return assistant.RunState{}, conversationBusy(convID, "another response is running on it")
}

// profile resolves the assistant profile a run names.
func (b *Backend) profile(name string) (assistant.Profile, error) {
	p, ok := b.profiles[name]
	if !ok {
		return assistant.Profile{}, temporal.NewNonRetryableApplicationError(fmt.Sprintf(
			"start run: unknown assistant profile %q: the responses protocol has no assistant objects; "+
				"configure the profile in ASSISTANT_PROFILES or use \"default\"", name), assistant.ErrorTypeNotFound, nil)
	}
	return p, nil
}

// conversationBusy is the retryable error of a create that must wait for
// the conversation to settle.
func conversationBusy(convID, why string) error {
	return activities.ThreadBusy(
		fmt.Sprintf("create response: conversation %s is busy (%s); waiting for it to settle", convID, why))
}

// isConversationLocked recognizes the API's refusal of a second response
// while one is in progress on the conversation.
func isConversationLocked(err error) bool {
	var apiErr *openai.Error
	return activities.StatusOf(err) == http.StatusBadRequest && errors.As(err, &apiErr) && apiErr.Code == "conversation_locked"
}

func joinInstructions(profile, run string) string {
	if profile == "" || run == "" {
		return profile + run
	}
	return profile + "\n\n" + run
}

// Backend is an activities.Backend.
var _ activities.Backend = (*Backend)(nil)
