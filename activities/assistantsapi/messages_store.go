package assistantsapi

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"strings"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/shared"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// findPages bounds FindMessage: 10 pages of 100 after the anchor.
const findPages = 10

// NewThread implements activities.ThreadMaker.
func (b *Backend) NewThread(ctx context.Context, meta map[string]string) (assistant.ThreadInfo, error) {
	t, err := b.client.Beta.Threads.New(ctx, openai.BetaThreadNewParams{Metadata: meta})
	if err != nil {
		return assistant.ThreadInfo{}, err
	}
	return assistant.ThreadInfo{ID: t.ID, CreatedAt: t.CreatedAt, Metadata: t.Metadata}, nil
}

// NewestMessageID implements activities.MessageStore.
func (b *Backend) NewestMessageID(ctx context.Context, threadID string) (string, error) {
	page, err := b.client.Beta.Threads.Messages.List(ctx, threadID, openai.BetaThreadMessageListParams{
		Limit: openai.Int(1), Order: openai.BetaThreadMessageListParamsOrderDesc})
	if err != nil || len(page.Data) == 0 {
		return "", err
	}
	return page.Data[0].ID, nil
}

// CreateMessage implements activities.MessageStore: the key goes into the
// message's metadata, where FindMessage looks for it.
func (b *Backend) CreateMessage(ctx context.Context, threadID string, m activities.NewMessage) (assistant.ThreadMessage, error) {
	meta := shared.Metadata{}
	maps.Copy(meta, m.Metadata)
	meta[activities.MetadataKeyIdempotency] = m.Key
	msg, err := b.client.Beta.Threads.Messages.New(ctx, threadID, openai.BetaThreadMessageNewParams{
		Role:     openai.BetaThreadMessageNewParamsRole(m.Role),
		Content:  openai.BetaThreadMessageNewParamsContentUnion{OfString: openai.String(m.Text)},
		Metadata: meta,
	})
	if err != nil {
		return assistant.ThreadMessage{}, activeRunMessage(err)
	}
	return threadMessage(*msg), nil
}

// FindMessage implements activities.MessageStore: the message after the
// anchor, oldest first, whose metadata holds the create's key.
func (b *Backend) FindMessage(ctx context.Context, threadID, anchor string, m activities.NewMessage) (assistant.ThreadMessage, bool, error) {
	params := openai.BetaThreadMessageListParams{Limit: openai.Int(assistant.MaxListLimit), Order: openai.BetaThreadMessageListParamsOrderAsc}
	if anchor != "" {
		params.After = openai.String(anchor)
	}
	for range findPages {
		page, err := b.client.Beta.Threads.Messages.List(ctx, threadID, params)
		if err != nil {
			return assistant.ThreadMessage{}, false, err
		}
		for _, msg := range page.Data {
			if msg.Metadata[activities.MetadataKeyIdempotency] == m.Key {
				return threadMessage(msg), true, nil
			}
		}
		if !page.HasMore || len(page.Data) == 0 {
			break
		}
		params.After = openai.String(page.Data[len(page.Data)-1].ID)
	}
	return assistant.ThreadMessage{}, false, nil
}

// GetMessage implements activities.MessageStore.
func (b *Backend) GetMessage(ctx context.Context, threadID, messageID string) (assistant.ThreadMessage, error) {
	msg, err := b.client.Beta.Threads.Messages.Get(ctx, threadID, messageID)
	if err != nil {
		return assistant.ThreadMessage{}, err
	}
	return threadMessage(*msg), nil
}

// UpdateMessage implements activities.MessageStore: meta is the whole metadata.
func (b *Backend) UpdateMessage(ctx context.Context, threadID, messageID string, meta map[string]string) (assistant.ThreadMessage, error) {
	if meta == nil {
		meta = map[string]string{}
	}
	msg, err := b.client.Beta.Threads.Messages.Update(ctx, threadID, messageID, openai.BetaThreadMessageUpdateParams{Metadata: meta})
	if err != nil {
		return assistant.ThreadMessage{}, err
	}
	return threadMessage(*msg), nil
}

func threadMessage(m openai.Message) assistant.ThreadMessage {
	var reply assistant.Reply
	addReply(&reply, m)
	return assistant.ThreadMessage{ID: m.ID, Role: string(m.Role), Text: reply.Text, RunID: m.RunID,
		CreatedAt: m.CreatedAt, Metadata: m.Metadata}
}

// activeRunMessage marks the API's refusal to add a message while a run is
// active on the thread (a 400 whose message says so) as
// activities.ErrRunActive: the create waits for the run to end.
func activeRunMessage(err error) error {
	var apiErr *openai.Error
	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusBadRequest &&
		strings.Contains(apiErr.Message, "while a run") && strings.Contains(apiErr.Message, "is active") {
		return fmt.Errorf("%w: %w", activities.ErrRunActive, err)
	}
	return err
}

// UpdateRun implements activities.RunStore: meta is the whole metadata;
// the run's idempotency key, by which the engine finds it, is kept.
func (b *Backend) UpdateRun(ctx context.Context, threadID, runID string, meta map[string]string) (assistant.ThreadRun, error) {
	cur, err := b.client.Beta.Threads.Runs.Get(ctx, threadID, runID)
	if err != nil {
		return assistant.ThreadRun{}, err
	}
	all := shared.Metadata{}
	maps.Copy(all, meta)
	if key, ok := cur.Metadata[activities.MetadataKeyIdempotency]; ok {
		all[activities.MetadataKeyIdempotency] = key
	}
	r, err := b.client.Beta.Threads.Runs.Update(ctx, threadID, runID, openai.BetaThreadRunUpdateParams{Metadata: all})
	if err != nil {
		return assistant.ThreadRun{}, err
	}
	return threadRun(*r), nil
}

// GetRunStep implements activities.RunStore: one step, its calls cut as a
// listed step's.
func (b *Backend) GetRunStep(ctx context.Context, threadID, runID, stepID string) (assistant.RunStep, error) {
	s, err := b.client.Beta.Threads.Runs.Steps.Get(ctx, threadID, runID, stepID, openai.BetaThreadRunStepGetParams{})
	if err != nil {
		return assistant.RunStep{}, err
	}
	return runStep(*s), nil
}

// Backend adds, reads and changes messages and runs.
var (
	_ activities.ThreadMaker  = (*Backend)(nil)
	_ activities.MessageStore = (*Backend)(nil)
	_ activities.RunStore     = (*Backend)(nil)
)
