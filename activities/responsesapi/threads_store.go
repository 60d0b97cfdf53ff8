package responsesapi

import (
	"context"
	"encoding/json"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/conversations"
	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// GetThread implements activities.ThreadStore: the thread is a conversation.
func (b *Backend) GetThread(ctx context.Context, threadID string) (assistant.ThreadInfo, error) {
	c, err := b.client.Conversations.Get(ctx, threadID)
	if err != nil {
		return assistant.ThreadInfo{}, err
	}
	return threadInfo(c), nil
}

// UpdateThread implements activities.ThreadStore: meta is the whole metadata.
func (b *Backend) UpdateThread(ctx context.Context, threadID string, meta map[string]string) (assistant.ThreadInfo, error) {
	if meta == nil {
		meta = map[string]string{}
	}
	c, err := b.client.Conversations.Update(ctx, threadID, conversations.ConversationUpdateParams{Metadata: meta})
	if err != nil {
		return assistant.ThreadInfo{}, err
	}
	return threadInfo(c), nil
}

func threadInfo(c *conversations.Conversation) assistant.ThreadInfo {
	var w struct {
		Metadata map[string]string `json:"metadata"`
	}
	_ = json.Unmarshal([]byte(c.RawJSON()), &w) // metadata may be null
	return assistant.ThreadInfo{ID: c.ID, CreatedAt: c.CreatedAt, Metadata: w.Metadata}
}

// ListMessages implements activities.ThreadStore: the conversation's
// message items (tool calls and outputs are left out).
func (b *Backend) ListMessages(ctx context.Context, threadID string, limit int, after string) ([]assistant.ThreadMessage, string, error) {
	params := conversations.ItemListParams{Limit: openai.Int(int64(limit)), Order: conversations.ItemListParamsOrderDesc}
	if after != "" {
		params.After = openai.String(after)
	}
	page, err := b.client.Conversations.Items.List(ctx, threadID, params)
	if err != nil {
		return nil, "", err
	}
	var out []assistant.ThreadMessage
	for _, raw := range page.Data {
		var it wireItem
		if json.Unmarshal([]byte(raw.RawJSON()), &it) != nil || it.Type != "message" {
			continue
		}
		out = append(out, assistant.ThreadMessage{ID: it.ID, Role: it.Role, Text: it.text()})
	}
	if !page.HasMore {
		return out, "", nil
	}
	return out, page.LastID, nil // the last item, message or not
}

// ListRuns implements activities.ThreadStore: the Responses API cannot list
// a conversation's responses.
func (b *Backend) ListRuns(context.Context, string, int, string) ([]assistant.ThreadRun, bool, error) {
	return nil, false, temporal.NewNonRetryableApplicationError(
		"list runs: the responses protocol cannot list a conversation's responses; find runs by the DaThreadId search attribute",
		assistant.ErrorTypeInvalidInput, nil)
}

// Backend reads conversations as threads.
var _ activities.ThreadStore = (*Backend)(nil)
