package integration

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
)

// The model test with real kills: one conversation key driven through a
// seeded random sequence of sends (one, or a few at once), ends (after the
// sends returned, or while a turn runs and another waits), reuse of the key,
// SIGKILL and restart of the worker process while a turn runs, and idle
// gaps longer than the idle timeout, on a server that suggests
// continue-as-new every 60 events. A simple model says what each send must
// get: the echo of its own text, or a ConversationEndedError — only when an
// End raced it, and saying the turn was cancelled (its API run cancelled
// once at the emulator) for the one that was running; turns numbered in order within one
// conversation instance, a new instance (turn 1, new epoch) after an end or
// an idle gap. The emulator's threads must hold each user message once.
// CONVERSATION_KILL_MODEL_SEED and CONVERSATION_KILL_MODEL_STEPS pick the
// sequence (CI: seed 1, 10 steps).

const (
	killModelIdle  = 4 * time.Second
	killModelSteps = 10
	// killModelRacingTurn is the model latency of the turn an End races:
	// longer than a cancel can take to reach the activity following the run
	// (up to 8 s: through a heartbeat), so the End cancels it rather than
	// losing the race to its reply.
	killModelRacingTurn = 12 * time.Second
)

// killModel is the reference model and what the test saw.
type killModel struct {
	t     *testing.T
	e     *env
	cv    *client.Conversations
	key   string
	rng   *rand.Rand
	w     *proc
	addr  string
	seq   int
	epoch string // the current instance, as the model knows it
	turn  int    // its last turn
	fresh bool   // the next send must start a new instance
	sent  []killSend
	steps map[string]int
	// cancelled counts the turns an End cancelled while they ran.
	cancelled int

	lastAnswer time.Time
}

type killSend struct {
	id, text string
	reply    assistant.TurnReply
	err      error
}

func killModelSettings(t *testing.T) (seed int64, steps int) {
	seed, steps = 1, killModelSteps
	if v := os.Getenv("CONVERSATION_KILL_MODEL_SEED"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		require.NoError(t, err, "CONVERSATION_KILL_MODEL_SEED must be an integer")
		seed = n
	}
	if v := os.Getenv("CONVERSATION_KILL_MODEL_STEPS"); v != "" {
		n, err := strconv.Atoi(v)
		require.NoError(t, err, "CONVERSATION_KILL_MODEL_STEPS must be an integer")
		steps = n
	}
	return seed, steps
}

func TestConversationModelWithKills(t *testing.T) {
	seed, steps := killModelSettings(t)
	e, addr := ownServerEnv(t, map[string]any{"limit.historyCount.suggestContinueAsNew": 60})
	m := &killModel{t: t, e: e, key: e.key(), rng: rand.New(rand.NewPCG(uint64(seed), 14)), addr: addr,
		fresh: true, steps: map[string]int{}}
	m.w = e.startTestWorker("TEMPORAL_ADDRESS=" + addr)
	m.cv = e.client.Conversations(assistant.ConversationSettings{AssistantID: e.createAssistant(), IdleTimeout: killModelIdle})
	ctx := e.ctx(time.Duration(steps)*30*time.Second + time.Minute)

	began := time.Now()
	for range steps {
		m.step(ctx)
	}
	m.checkThreads(ctx)
	st := e.emu.Stats()
	t.Logf("kill model: seed %d, %d steps %v, %d sends in %s, %d turns cancelled by End; emulator: %d runs (%d cancelled), %d user messages, %d threads",
		seed, steps, m.steps, len(m.sent), time.Since(began).Round(time.Second), m.cancelled,
		st.RunsCreated, st.RunsCancelled, st.UserMessagesCreated, st.ThreadsCreated)
}

// step runs one random step and checks what it returned against the model.
func (m *killModel) step(ctx context.Context) {
	switch r := m.rng.IntN(20); {
	case r < 7:
		m.do("send", func() { m.batch(ctx, 1, false) })
	case r < 10:
		m.do("burst", func() { m.batch(ctx, 2+m.rng.IntN(2), false) })
	case r < 12:
		m.do("end", func() { m.end(ctx) })
	case r < 14:
		m.do("end-racing", func() { m.batch(ctx, 2, true) })
	case r < 18:
		m.do("kill", func() { m.killDuringTurn(ctx) })
	default:
		m.do("idle", func() { m.idle(ctx) })
	}
}

// idle sends nothing until the conversation has ended idle: its workflow
// closes once the idle timeout has passed since its last answer (at once
// when an End closed it already). The gap is awaited, not slept for.
func (m *killModel) idle(ctx context.Context) {
	if len(m.sent) > 0 { // else no conversation has started
		m.e.awaitClosed(ctx, assistant.ConversationWorkflowID(m.key), killModelIdle+30*time.Second)
	}
	m.fresh = true
}

func (m *killModel) do(name string, f func()) {
	m.t.Logf("step %d: %s", len(m.sent), name)
	m.steps[name]++
	f()
}

// next is a new message: its ID, and its text (the first line is echoed).
func (m *killModel) next(sleep time.Duration) killSend {
	m.seq++
	s := killSend{id: fmt.Sprintf("km-%d", m.seq), text: fmt.Sprintf("kill model %d.", m.seq)}
	if sleep > 0 {
		s.text += fmt.Sprintf("\nsleep: %s", sleep)
	}
	return s
}

// send sends until the message is answered or refused for good: a send cut
// by a kill is sent again with its message ID.
func (m *killModel) send(ctx context.Context, s *killSend) {
	for {
		s.reply, s.err = m.cv.SendMessageWithID(ctx, m.key, s.id, s.text)
		if s.err == nil || ended(s.err) || ctx.Err() != nil {
			return
		}
		// A pause between retries, not a wait for a state: the loop ends
		// on the send's answer, or at ctx's deadline.
		time.Sleep(200 * time.Millisecond)
	}
}

func ended(err error) bool {
	return errors.Is(err, client.ErrConversationEnded)
}

// batch sends n messages at once and checks them. When racing, the first
// turn runs long and End comes once the server holds every message and the
// first turn's run exists at the emulator: each may then be answered or
// refused as ended, the first as cancelled.
func (m *killModel) batch(ctx context.Context, n int, racing bool) {
	ambiguous := m.idleMayHaveEnded()
	before := m.e.emu.Stats()
	sends := make([]killSend, n)
	var wg sync.WaitGroup
	for i := range sends {
		sleep := time.Duration(0)
		if racing && i == 0 {
			sleep = killModelRacingTurn
		}
		sends[i] = m.next(sleep)
		wg.Go(func() { m.send(ctx, &sends[i]) })
		if racing {
			m.awaitHeld(ctx, sends[i])
		}
		if racing && i == 0 {
			require.Eventually(m.t, func() bool { return m.e.emu.Stats().RunsCreated > before.RunsCreated },
				30*time.Second, 20*time.Millisecond, "the first turn's run never started")
		}
	}
	if racing {
		require.NoError(m.t, m.cv.End(ctx, m.key))
	}
	wg.Wait()
	m.check(sends, racing, ambiguous, m.e.emu.Stats().RunsCancelled-before.RunsCancelled)
	m.fresh = m.fresh || racing
}

// end ends the conversation once its sends have returned.
func (m *killModel) end(ctx context.Context) {
	err := m.cv.End(ctx, m.key)
	if !m.fresh && !m.idleMayHaveEnded() {
		require.NoError(m.t, err, "End of a live conversation")
	}
	m.fresh = true
}

// killDuringTurn SIGKILLs the worker while a turn runs, starts another, and
// checks the turn is answered once, as if nothing happened.
func (m *killModel) killDuringTurn(ctx context.Context) {
	ambiguous := m.idleMayHaveEnded()
	s := m.next(1200 * time.Millisecond)
	done := make(chan struct{})
	go func() { defer close(done); m.send(ctx, &s) }()
	m.awaitHeld(ctx, s)
	// A seeded random point within the turn (1.2 s at the emulator) for the
	// kill: the timing is what the model varies, there is nothing to await.
	time.Sleep(time.Duration(m.rng.IntN(800)) * time.Millisecond)
	m.w.stop(syscall.SIGKILL)
	m.w = m.e.startTestWorker("TEMPORAL_ADDRESS=" + m.addr)
	<-done
	m.check([]killSend{s}, false, ambiguous, 0)
}

// idleMayHaveEnded reports whether the idle timer may have ended the
// conversation since its last answer (a slow restart can take that long).
func (m *killModel) idleMayHaveEnded() bool {
	if len(m.sent) == 0 {
		return false
	}
	return time.Since(m.lastAnswer) > killModelIdle-time.Second
}

// awaitHeld waits until the conversation holds the message, running or
// queued (whichever run of it, after a continue-as-new, now holds it).
func (m *killModel) awaitHeld(ctx context.Context, s killSend) {
	first := strings.SplitN(s.text, "\n", 2)[0]
	require.Eventually(m.t, func() bool {
		st, err := m.cv.History(ctx, m.key)
		if err != nil {
			return false
		}
		for _, tr := range st.Turns {
			if strings.HasPrefix(tr.Message, first) {
				return true
			}
		}
		return false
	}, 30*time.Second, 50*time.Millisecond, "the conversation never held message %s", s.id)
}
