package workflows

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/converter"
	"google.golang.org/protobuf/proto"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// worstRunes are what grows most once JSON-encoded (6 bytes for one byte,
// 2 for one, 6 for three) mixed with plain and multi-byte text.
var worstRunes = []string{"<", ">", "&", "\x01", "\x1f", "\u2028", "\"", "\\", "\n", "a", "é", "😀"}

// worstText is a text of at most limit encoded bytes (quotes included),
// mostly of worstRunes.
func worstText(rnd *rand.Rand, limit int) string {
	var b strings.Builder
	n := 0
	for {
		i := rnd.IntN(len(worstRunes))
		if rnd.IntN(4) == 0 {
			i = 0 // '<', the worst, often
		}
		if 2+n+worstLens[i] > limit { // with its quotes
			return b.String()
		}
		n += worstLens[i]
		b.WriteString(worstRunes[i])
	}
}

var worstLens = func() []int {
	n := make([]int, len(worstRunes))
	for i, r := range worstRunes {
		n[i] = assistant.EncodedLen(r) - 2
	}
	return n
}()

func keyText(rnd *rand.Rand, n int) string {
	const chars = "ABCXYZabcxyz0189._:@-"
	b := make([]byte, n)
	for i := range b {
		b[i] = chars[rnd.IntN(len(chars))]
	}
	return string(b)
}

// fullConversation builds a state the validators accept, pushed to the
// limits: the longest key and settings, maxKeptTurns turns with long
// replies and errors, maxSeenIDs long message IDs, and a queue filled until
// the validator refuses more.
func fullConversation(t *testing.T, rnd *rand.Rand) *conversation {
	key := keyText(rnd, assistant.MaxConversationKeyLen-rnd.IntN(3))
	require.NoError(t, assistant.ValidateConversationKey(key))
	s := assistant.ConversationSettings{AssistantID: worstText(rnd, assistant.MaxIDBytes), Instructions: worstText(rnd, assistant.MaxInstructionsBytes)}
	s.AssistantID = "a" + s.AssistantID[min(1, len(s.AssistantID)):]
	for s.Validate() != nil {
		s.AssistantID = s.AssistantID[:len(s.AssistantID)-1]
	}
	c := &conversation{in: assistant.ConversationInput{Settings: s, Epoch: "019ad4c1-7f3e-7b2a-9c4d-5e6f7a8b9c0d"},
		replies: map[int]assistant.TurnReply{}, seen: map[string]int{}, workflowID: assistant.ConversationWorkflowID(key), integrity: true}
	id := func(i int) string { return fmt.Sprintf("%d-%s", i, worstText(rnd, assistant.MaxMessageIDBytes-8)) }
	send := func(updateID, text string) bool {
		if c.checkMessage(updateID, text, false) != nil {
			return false
		}
		c.in.TurnCount++
		c.seen[updateID] = c.in.TurnCount
		c.in.Queue = append(c.in.Queue, assistant.QueuedMessage{UpdateID: updateID, Turn: c.in.TurnCount, Text: text})
		return true
	}
	for i := range maxSeenIDs + maxKeptTurns + rnd.IntN(50) {
		require.True(t, send(id(i), "x"+worstText(rnd, rnd.IntN(1000))))
		m := c.in.Queue[0]
		c.in.Queue = c.in.Queue[1:]
		res := assistant.Result{ThreadID: "thread_" + keyText(rnd, 40), APIRunID: "run_" + keyText(rnd, 40),
			Reply: worstText(rnd, 4000), Error: &assistant.RunError{Code: worstText(rnd, 100), Message: worstText(rnd, 4000)}}
		var err error
		if rnd.IntN(3) == 0 {
			err = errors.New(worstText(rnd, 4000))
		}
		c.answer(m, c.turnWorkflowID(m.Turn), res, err)
	}
	for refused, i := 0, 0; refused < 20; i++ {
		size := 1 + rnd.IntN(assistant.MaxMessageBytes)
		if rnd.IntN(2) == 0 {
			size = 1 + rnd.IntN(16)
		}
		if !send(id(100000+i), worstText(rnd, size)) {
			refused++
		}
	}
	return c
}

func payloadSize(t *testing.T, v any) int {
	p, err := converter.GetDefaultDataConverter().ToPayloads(v)
	require.NoError(t, err)
	return proto.Size(p)
}

// TestConversationAcceptedStateFitsBudget: whatever the validators accept,
// the continue-as-new input, every turn's Run input and the turns query fit
// assistant.InputBudget (half the payload limit, room for a codec).
// CONVERSATION_BUDGET_TRIALS runs more random states (default 8).
func TestConversationAcceptedStateFitsBudget(t *testing.T) {
	trials := 8
	if n, err := strconv.Atoi(os.Getenv("CONVERSATION_BUDGET_TRIALS")); err == nil {
		trials = n
	}
	largest := 0
	for seed := range uint64(trials) {
		rnd := rand.New(rand.NewPCG(seed, 14))
		c := fullConversation(t, rnd)
		next := c.nextInput()
		require.Len(t, next.Seen, maxSeenIDs, "seed %d", seed)
		require.Len(t, next.Turns, maxKeptTurns, "seed %d", seed)
		size := payloadSize(t, next)
		largest = max(largest, size)
		require.LessOrEqual(t, size, assistant.InputBudget, "seed %d: continue-as-new input of %d queued messages", seed, len(next.Queue))
		for _, m := range c.in.Queue {
			req := c.turnRequest(m)
			require.NoError(t, req.Validate(), "seed %d: turn %d", seed, m.Turn)
			require.LessOrEqual(t, payloadSize(t, req), assistant.InputBudget, "seed %d: turn %d", seed, m.Turn)
		}
		st, _ := c.state(false)
		require.LessOrEqual(t, payloadSize(t, st), assistant.InputBudget, "seed %d: turns query", seed)
	}
	t.Logf("largest continue-as-new input: %d bytes of a %d budget (payload limit %d)", largest, assistant.InputBudget, assistant.PayloadLimit)
}
