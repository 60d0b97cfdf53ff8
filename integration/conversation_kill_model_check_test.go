package integration

import (
	"context"
	"errors"
	"sort"
	"strings"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
)

// check holds a batch's outcomes against the model: each send has its own
// echo, or (racing an End only) a ConversationEndedError naming its turn:
// cancelled for the turn that was running, its API run cancelled once at
// the emulator (cancels is how many the batch made), not sent for the
// queued one. The answered turns are numbered after the instance's last
// one, or from 1 in a new instance when the model says one must start (or,
// ambiguous, may).
func (m *killModel) check(sends []killSend, racing, ambiguous bool, cancels int) {
	t := m.t
	var ok []killSend
	cancelled := 0
	for i, s := range sends {
		m.sent = append(m.sent, s)
		if s.err != nil {
			var ended *client.ConversationEndedError
			require.True(t, racing && errors.As(s.err, &ended), "message %s: %v", s.id, s.err)
			require.Equal(t, m.key, ended.Key, "message %s: %v", s.id, s.err)
			require.Equal(t, "ended", ended.Reason, "message %s: %v", s.id, s.err)
			require.Equal(t, i == 0, ended.Cancelled, "message %s: only the running turn is cancelled: %v", s.id, s.err)
			if ended.Cancelled {
				cancelled++
			}
			continue
		}
		require.Equal(t, assistant.StatusCompleted, s.reply.Status, "message %s: %+v %+v", s.id, s.reply, s.reply.Error)
		require.Equal(t, "Echo: "+strings.SplitN(s.text, "\n", 2)[0], s.reply.Reply, "message %s", s.id)
		ok = append(ok, s)
	}
	require.Equal(t, cancelled, cancels, "API runs cancelled at the emulator, for %d turns cancelled", cancelled)
	m.cancelled += cancelled
	m.lastAnswer = time.Now()
	if len(ok) == 0 {
		return
	}
	sort.Slice(ok, func(i, j int) bool { return ok[i].reply.Turn < ok[j].reply.Turn })
	epoch := ok[0].reply.Epoch
	fresh := m.fresh || ambiguous && epoch != m.epoch
	base := m.turn
	if fresh {
		require.NotEqual(t, m.epoch, epoch, "message %s: answered by the ended instance", ok[0].id)
		base = 0
	}
	for i, s := range ok {
		require.Equal(t, epoch, s.reply.Epoch, "message %s: one batch, one instance", s.id)
		if racing {
			require.Greater(t, s.reply.Turn, base+i, "message %s: turn", s.id)
		} else {
			require.Equal(t, base+i+1, s.reply.Turn, "message %s: turn", s.id)
		}
	}
	m.epoch, m.turn, m.fresh = epoch, ok[len(ok)-1].reply.Turn, false
}

// checkThreads reads every thread the conversation used at the emulator:
// each user message is there once (none answered twice), every answered
// one is, and each reply follows the message it echoes.
func (m *killModel) checkThreads(ctx context.Context) {
	t := m.t
	threads := map[string]bool{}
	for _, s := range m.sent {
		if s.err == nil && s.reply.ThreadID != "" {
			threads[s.reply.ThreadID] = true
		}
	}
	api := openai.NewClient(option.WithBaseURL(m.e.emuURL), option.WithAPIKey("test-key"), option.WithMaxRetries(0))
	users := map[string]int{}
	for thread := range threads {
		pages := api.Beta.Threads.Messages.ListAutoPaging(ctx, thread,
			openai.BetaThreadMessageListParams{Order: openai.BetaThreadMessageListParamsOrderAsc, Limit: openai.Int(100)})
		prev := ""
		for pages.Next() {
			msg := pages.Current()
			text := msg.Content[0].Text.Value
			if string(msg.Role) == "user" {
				users[text]++
			} else {
				require.Equal(t, "Echo: "+strings.SplitN(prev, "\n", 2)[0], text, "thread %s: a reply out of turn", thread)
			}
			prev = text
		}
		require.NoError(t, pages.Err())
	}
	for text, n := range users {
		require.Equal(t, 1, n, "user message %q sent to the API %d times", text, n)
	}
	for _, s := range m.sent {
		if s.err == nil && s.reply.Status == assistant.StatusCompleted {
			require.Equal(t, 1, users[s.text], "message %s answered but not on its thread", s.id)
		}
	}
	st := m.e.emu.Stats()
	require.LessOrEqual(t, st.RunsCreated, len(m.sent), "more runs than messages")
	require.LessOrEqual(t, st.UserMessagesCreated, len(m.sent), "more user messages than messages")
}
