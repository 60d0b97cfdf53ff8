package activities

import (
	"context"
	"encoding/json"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/conversations"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// cancelByKeyWait bounds how long a cancel by key waits, on the Responses
// protocol, for the turn running on the conversation to end (README,
// "Two protocols, one engine").
const cancelByKeyWait = 5 * time.Minute

// A cancel by key comes from a run whose start was cancelled before it
// could name its response (a create whose answer was lost, or a start
// cancelled between attempts). The Responses API can neither list responses
// nor lead from a conversation item to the response that made it, so no
// response can be found, and none cancelled, by key. What the conversation
// shows is whether a turn still runs on it: its newest input (a user message
// or tool outputs) with nothing after it yet. The cancel then waits, polling
// the items, until that turn has ended, so the run does not end while a
// response it may have made still runs and holds the conversation locked.

// awaitTurnEnd is CancelRun by key on the Responses protocol: it returns
// once no turn runs on the conversation, or after cancelByKeyWait.
func (a *Activities) awaitTurnEnd(ctx context.Context, b *ResponsesBackend, convID string) (assistant.RunState, error) {
	deadline := time.Now().Add(cancelByKeyWait)
	delay, waited := time.Duration(0), false
	for {
		running, err := b.turnRunning(ctx, convID)
		if err != nil {
			return assistant.RunState{}, classify("list conversation items", err)
		}
		if !running || time.Now().After(deadline) {
			if running {
				logger(ctx, convID, "").Warn("Gave up waiting for the turn running on the conversation to end; it cannot be cancelled by key", "Waited", cancelByKeyWait)
			}
			return assistant.RunState{ThreadID: convID}, nil
		}
		if !waited {
			logger(ctx, convID, "").Info("A turn still runs on the conversation and has no response ID to cancel by; waiting for it to end")
			waited = true
		}
		delay = a.nextDelay(delay, 0)
		select {
		case <-ctx.Done():
			return assistant.RunState{}, ctx.Err()
		case <-time.After(delay):
		}
	}
}

// turnRunning reports whether the conversation's newest item is an input
// that no output has answered yet.
func (b *ResponsesBackend) turnRunning(ctx context.Context, convID string) (bool, error) {
	page, err := b.client.Conversations.Items.List(ctx, convID, conversations.ItemListParams{
		Limit: openai.Int(1), Order: conversations.ItemListParamsOrderDesc,
	})
	if err != nil || len(page.Data) == 0 {
		return false, err
	}
	var it wireItem
	if json.Unmarshal([]byte(page.Data[0].RawJSON()), &it) != nil {
		return false, nil
	}
	return it.Type == "function_call_output" || (it.Type == "message" && it.Role == "user"), nil
}
