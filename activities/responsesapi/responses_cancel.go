package responsesapi

import (
	"context"
	"encoding/json"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/conversations"

	"github.com/durable-assistants/durable-assistants/activities"
)

// A cancel by key comes from a run none of whose attempts named its response
// (a create committed whose answer was lost before the first heartbeat): a
// response any attempt named is in that activity's heartbeat, which the
// workflow and the sweep read (activities.PendingRun). The Responses API can neither list responses
// nor lead from a conversation item to the response that made it, so no
// response can be found, and none cancelled, by key. What the conversation
// shows is whether a turn still runs on it: its newest input (a user message
// or tool outputs) with nothing after it yet. The cancel then waits, polling
// the items (activities.TurnWaiter), until that turn has ended, so the run
// does not end while a response it may have made still runs and holds the
// conversation locked.

// TurnRunning implements activities.TurnWaiter: whether the conversation's
// newest item is an input that no output has answered yet.
func (b *Backend) TurnRunning(ctx context.Context, convID string) (bool, error) {
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

var _ activities.TurnWaiter = (*Backend)(nil)
