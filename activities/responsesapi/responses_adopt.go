package responsesapi

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/conversations"
	"go.temporal.io/sdk/activity"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// adoptWindow is how many of a conversation's newest items adoption reads. A
// retry follows its create within seconds, so our input is among them.
const adoptWindow = 100

// markResult is what an item says about the input a create is retrying.
type markResult int

const (
	markSkip  markResult = iota // unrelated (model output, other types)
	markOurs                    // our input: the turn was already created
	markOther                   // someone else's newer input: ours was never consumed
)

// itemMark recognizes the input of the create being retried.
type itemMark func(wireItem) markResult

// adoption is what a retried create knows of the turn it may adopt: how to
// recognize its input, and what the adopted run reports and carries on with.
type adoption struct {
	mark  itemMark
	turn  adoptedTurn     // becomes the run's handle
	model string          // the model the turn was created for
	prior assistant.Usage // usage of the run's earlier responses
}

// userMessageMark recognizes a run's user message: the newest user message of
// the conversation must carry exactly this text.
func userMessageMark(text string) itemMark {
	return func(it wireItem) markResult {
		if it.Type != "message" || it.Role != "user" {
			return markSkip
		}
		if strings.TrimSpace(it.text()) == strings.TrimSpace(text) {
			return markOurs
		}
		return markOther
	}
}

// outputsMark recognizes a submission: the newest function_call_output must
// answer one of these calls.
func outputsMark(outputs []assistant.ToolOutput) itemMark {
	ids := map[string]bool{}
	for _, o := range outputs {
		ids[o.ToolCallID] = true
	}
	return func(it wireItem) markResult {
		switch {
		case it.Type == "function_call_output" && ids[it.CallID]:
			return markOurs
		case it.Type == "function_call_output", it.Type == "message" && it.Role == "user":
			return markOther
		}
		return markSkip
	}
}

// adopt looks for the input of a create an earlier attempt made (and whose
// answer was lost) among the conversation's newest items. Found, the turn is
// read from the items after it: function calls still unanswered make it
// requires_action, an assistant message completes it; found but with neither
// yet, the response still runs and the caller waits (retryable ThreadBusy).
func (b *Backend) adopt(ctx context.Context, convID string, ad adoption) (assistant.RunState, bool, error) {
	page, err := b.client.Conversations.Items.List(ctx, convID, conversations.ItemListParams{
		Limit: openai.Int(adoptWindow), Order: conversations.ItemListParamsOrderDesc,
	})
	if err != nil {
		return assistant.RunState{}, false, err
	}
	var after []wireItem // newest first
	for _, raw := range page.Data {
		var it wireItem
		if json.Unmarshal([]byte(raw.RawJSON()), &it) != nil {
			continue
		}
		switch ad.mark(it) {
		case markOther:
			return assistant.RunState{}, false, nil
		case markOurs:
			return adoptFrom(ctx, convID, ad, after)
		}
		after = append(after, it)
	}
	return assistant.RunState{}, false, nil
}

// adoptFrom builds the adopted turn's state from the items that followed our
// input (newest first). Its usage is that of the run's earlier responses:
// the adopted response's own cannot be read without its ID.
func adoptFrom(ctx context.Context, convID string, ad adoption, after []wireItem) (assistant.RunState, bool, error) {
	slices.Reverse(after)
	// A start adopted has no response to read the run's settings from.
	st := assistant.RunState{ThreadID: convID, APIRunID: ad.turn.handle(), Model: ad.model, Usage: ad.prior,
		CarrySettings: ad.turn.Prev == ""}
	settle(&st, after)
	if st.Status == assistant.StatusCompleted && st.Reply.Text == "" {
		return assistant.RunState{}, false, conversationBusy(convID, "the response an earlier attempt created has not finished")
	}
	if activity.IsActivity(ctx) {
		activity.GetLogger(ctx).Info("Adopted the turn an earlier attempt created", "ConversationID", convID, "Status", st.Status)
	}
	return st, true, nil
}
