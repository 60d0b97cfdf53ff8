package responsesapi

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/conversations"
	"github.com/openai/openai-go/v3/responses"
	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// findPages bounds FindMessage: 10 pages of 100 items after the anchor.
const findPages = 10

// NewThread implements activities.ThreadMaker: a conversation.
func (b *Backend) NewThread(ctx context.Context, meta map[string]string) (assistant.ThreadInfo, error) {
	c, err := b.client.Conversations.New(ctx, conversations.ConversationNewParams{Metadata: meta})
	if err != nil {
		return assistant.ThreadInfo{}, err
	}
	return threadInfo(c), nil
}

// NewestMessageID implements activities.MessageStore: the conversation's
// newest item, of any type.
func (b *Backend) NewestMessageID(ctx context.Context, threadID string) (string, error) {
	page, err := b.client.Conversations.Items.List(ctx, threadID, conversations.ItemListParams{
		Limit: openai.Int(1), Order: conversations.ItemListParamsOrderDesc})
	if err != nil || len(page.Data) == 0 {
		return "", err
	}
	var it wireItem
	_ = json.Unmarshal([]byte(page.Data[0].RawJSON()), &it)
	return it.ID, nil
}

// CreateMessage implements activities.MessageStore: one message item
// (POST /conversations/{id}/items). Items keep no metadata, so a message
// with some is refused; the key cannot tag it either: FindMessage knows it
// by its role and text.
func (b *Backend) CreateMessage(ctx context.Context, threadID string, m activities.NewMessage) (assistant.ThreadMessage, error) {
	if len(m.Metadata) > 0 {
		return assistant.ThreadMessage{}, temporal.NewNonRetryableApplicationError(
			"message_create: metadata cannot be set: conversation items keep no metadata (leave it off on the responses protocol)",
			assistant.ErrorTypeInvalidInput, nil)
	}
	msg := responses.ResponseInputItemParamOfMessage(m.Text, responses.EasyInputMessageRole(m.Role))
	msg.OfMessage.Type = responses.EasyInputMessageTypeMessage
	list, err := b.client.Conversations.Items.New(ctx, threadID, conversations.ItemNewParams{Items: []responses.ResponseInputItemUnionParam{msg}})
	if isConversationLocked(err) {
		return assistant.ThreadMessage{}, fmt.Errorf("%w: %w", activities.ErrRunActive, err)
	}
	if err != nil {
		return assistant.ThreadMessage{}, err
	}
	if len(list.Data) == 0 {
		return assistant.ThreadMessage{}, fmt.Errorf("create items: the API answered no item")
	}
	return itemMessage(list.Data[0].RawJSON())
}

// FindMessage implements activities.MessageStore: the first message item
// after the anchor with the create's role and text. The anchor was the
// newest item before the first attempt, so an equal message sent earlier
// is never taken for it; one another caller added in between may be.
func (b *Backend) FindMessage(ctx context.Context, threadID, anchor string, m activities.NewMessage) (assistant.ThreadMessage, bool, error) {
	params := conversations.ItemListParams{Limit: openai.Int(assistant.MaxListLimit), Order: conversations.ItemListParamsOrderAsc}
	if anchor != "" {
		params.After = openai.String(anchor)
	}
	for range findPages {
		page, err := b.client.Conversations.Items.List(ctx, threadID, params)
		if err != nil {
			return assistant.ThreadMessage{}, false, err
		}
		for _, raw := range page.Data {
			var it wireItem
			if json.Unmarshal([]byte(raw.RawJSON()), &it) == nil && it.Type == "message" && it.Role == m.Role && it.text() == m.Text {
				return assistant.ThreadMessage{ID: it.ID, Role: it.Role, Text: it.text()}, true, nil
			}
		}
		if !page.HasMore || page.LastID == "" {
			break
		}
		params.After = openai.String(page.LastID)
	}
	return assistant.ThreadMessage{}, false, nil
}

// GetMessage implements activities.MessageStore: a message item
// (GET /conversations/{id}/items/{item_id}); another item is not a message.
func (b *Backend) GetMessage(ctx context.Context, threadID, messageID string) (assistant.ThreadMessage, error) {
	raw, err := b.item(ctx, threadID, messageID)
	if err != nil {
		return assistant.ThreadMessage{}, err
	}
	return itemMessage(raw)
}

// UpdateMessage implements activities.MessageStore: refused.
func (b *Backend) UpdateMessage(context.Context, string, string, map[string]string) (assistant.ThreadMessage, error) {
	return assistant.ThreadMessage{}, temporal.NewNonRetryableApplicationError(
		"message_update: the Conversations API cannot change an item (no update endpoint, and items keep no metadata)",
		assistant.ErrorTypeInvalidInput, nil)
}

// UpdateRun implements activities.RunStore: refused.
func (b *Backend) UpdateRun(context.Context, string, string, map[string]string) (assistant.ThreadRun, error) {
	return assistant.ThreadRun{}, temporal.NewNonRetryableApplicationError(
		"run_update: the Responses API cannot change a response's metadata (no update endpoint); set it at the start (RunRequest.Metadata)",
		assistant.ErrorTypeInvalidInput, nil)
}

// GetRunStep implements activities.RunStore: a step is an output item of
// the run's responses, read from the conversation; a function call's
// output is its own item, listed with the run's steps, not here.
func (b *Backend) GetRunStep(ctx context.Context, threadID, _, stepID string) (assistant.RunStep, error) {
	raw, err := b.item(ctx, threadID, stepID)
	if err != nil {
		return assistant.RunStep{}, err
	}
	var it wireItem
	if err := json.Unmarshal([]byte(raw), &it); err != nil {
		return assistant.RunStep{}, err
	}
	steps := itemSteps([]wireItem{it})
	if len(steps) == 0 {
		return assistant.RunStep{}, notAStep(stepID, it.Type, it.Role)
	}
	return steps[0], nil
}

func (b *Backend) item(ctx context.Context, threadID, itemID string) (string, error) {
	it, err := b.client.Conversations.Items.Get(ctx, threadID, itemID, conversations.ItemGetParams{})
	if err != nil {
		return "", err
	}
	return it.RawJSON(), nil
}

func itemMessage(raw string) (assistant.ThreadMessage, error) {
	var it wireItem
	if err := json.Unmarshal([]byte(raw), &it); err != nil {
		return assistant.ThreadMessage{}, err
	}
	if it.Type != "message" {
		return assistant.ThreadMessage{}, temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("item %s is a %s, not a message", it.ID, it.Type), assistant.ErrorTypeNotFound, nil)
	}
	return assistant.ThreadMessage{ID: it.ID, Role: it.Role, Text: it.text()}, nil
}

func notAStep(id, typ, role string) error {
	what := typ
	if role != "" {
		what = role + " " + typ
	}
	return temporal.NewNonRetryableApplicationError(
		fmt.Sprintf("step_get: item %s is a %s, not a run step (steps are assistant messages and tool calls)", id, what),
		assistant.ErrorTypeNotFound, nil)
}

// Backend adds and reads conversation items as messages and steps.
var (
	_ activities.ThreadMaker  = (*Backend)(nil)
	_ activities.MessageStore = (*Backend)(nil)
	_ activities.RunStore     = (*Backend)(nil)
)
