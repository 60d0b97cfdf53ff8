package assistantsapi

import (
	"context"

	"github.com/openai/openai-go/v3"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// GetThread implements activities.ThreadStore.
func (b *Backend) GetThread(ctx context.Context, threadID string) (assistant.ThreadInfo, error) {
	t, err := b.client.Beta.Threads.Get(ctx, threadID)
	if err != nil {
		return assistant.ThreadInfo{}, err
	}
	return assistant.ThreadInfo{ID: t.ID, CreatedAt: t.CreatedAt, Metadata: t.Metadata}, nil
}

// UpdateThread implements activities.ThreadStore: meta is the whole metadata.
func (b *Backend) UpdateThread(ctx context.Context, threadID string, meta map[string]string) (assistant.ThreadInfo, error) {
	if meta == nil {
		meta = map[string]string{}
	}
	t, err := b.client.Beta.Threads.Update(ctx, threadID, openai.BetaThreadUpdateParams{Metadata: meta})
	if err != nil {
		return assistant.ThreadInfo{}, err
	}
	return assistant.ThreadInfo{ID: t.ID, CreatedAt: t.CreatedAt, Metadata: t.Metadata}, nil
}

// ListMessages implements activities.ThreadStore.
func (b *Backend) ListMessages(ctx context.Context, threadID string, limit int, after string) ([]assistant.ThreadMessage, string, error) {
	params := openai.BetaThreadMessageListParams{Limit: openai.Int(int64(limit)), Order: openai.BetaThreadMessageListParamsOrderDesc}
	if after != "" {
		params.After = openai.String(after)
	}
	page, err := b.client.Beta.Threads.Messages.List(ctx, threadID, params)
	if err != nil {
		return nil, "", err
	}
	out := make([]assistant.ThreadMessage, len(page.Data))
	for i, m := range page.Data {
		var reply assistant.Reply
		addReply(&reply, m)
		out[i] = assistant.ThreadMessage{ID: m.ID, Role: string(m.Role), Text: reply.Text, RunID: m.RunID, CreatedAt: m.CreatedAt}
	}
	if !page.HasMore || len(out) == 0 {
		return out, "", nil
	}
	return out, out[len(out)-1].ID, nil
}

// ListRuns implements activities.ThreadStore.
func (b *Backend) ListRuns(ctx context.Context, threadID string, limit int, after string) ([]assistant.ThreadRun, bool, error) {
	params := openai.BetaThreadRunListParams{Limit: openai.Int(int64(limit)), Order: openai.BetaThreadRunListParamsOrderDesc}
	if after != "" {
		params.After = openai.String(after)
	}
	page, err := b.client.Beta.Threads.Runs.List(ctx, threadID, params)
	if err != nil {
		return nil, false, err
	}
	out := make([]assistant.ThreadRun, len(page.Data))
	for i, r := range page.Data {
		out[i] = threadRun(r)
		out[i].Metadata = nil // a page stays small; a run's own is read by run_update
	}
	return out, page.HasMore, nil
}

func threadRun(r openai.Run) assistant.ThreadRun {
	return assistant.ThreadRun{ID: r.ID, Status: string(r.Status), AssistantID: r.AssistantID, Model: r.Model,
		CreatedAt: r.CreatedAt, Metadata: r.Metadata, Usage: assistant.Usage{PromptTokens: r.Usage.PromptTokens,
			CompletionTokens: r.Usage.CompletionTokens, TotalTokens: r.Usage.TotalTokens}}
}

// Backend reads threads.
var _ activities.ThreadStore = (*Backend)(nil)
