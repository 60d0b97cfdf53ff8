package integration

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
)

// soak is the load of one chaos soak and what it saw.
type soak struct {
	e    *env
	asst string
	cfg  soakConfig
	rng  *rand.Rand
	wg   sync.WaitGroup

	mu      sync.Mutex
	kills   []time.Time
	answers []time.Time // when each run or message was answered, sorted
	runs    []soakRun
	convs   [][]soakMessage
}

type soakRun struct {
	res  assistant.Result
	err  error
	tool bool
}

type soakMessage struct {
	reply assistant.TurnReply
	err   error
}

func newSoak(e *env, asst string, cfg soakConfig) *soak {
	return &soak{e: e, asst: asst, cfg: cfg, rng: rand.New(rand.NewPCG(uint64(cfg.seed), 14)),
		runs: make([]soakRun, soakRuns), convs: make([][]soakMessage, soakConversations)}
}

// runMessage is run i's message: every other run asks for one slow tool call.
func runMessage(i int) (string, bool) {
	if i%2 == 0 {
		return fmt.Sprintf("soak run %d\ncall: slow_echo {\"text\":\"r%d\",\"millis\":500}", i, i), true
	}
	return fmt.Sprintf("soak run %d\nsleep: 800ms", i), false
}

func (s *soak) answered() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.answers = append(s.answers, time.Now())
	slices.SortFunc(s.answers, func(a, b time.Time) int { return a.Compare(b) })
}

// startLoad starts the runs at an even pace over the first 80% of the chaos,
// and the conversations, which send one message after another until it ends.
func (s *soak) startLoad(ctx context.Context) {
	gap := s.cfg.chaos * 8 / 10 / soakRuns
	s.wg.Go(func() {
		for i := range soakRuns {
			msg, tool := runMessage(i)
			s.runs[i].tool = tool
			run, err := s.e.client.StartRun(ctx, assistant.RunRequest{AssistantID: s.asst, Message: msg})
			if err != nil {
				s.runs[i].err = err
				continue
			}
			s.wg.Go(func() { s.awaitRun(ctx, i, run) })
			time.Sleep(gap)
		}
	})
	stopAt := time.Now().Add(s.cfg.chaos)
	cv := s.e.client.Conversations(assistant.ConversationSettings{AssistantID: s.asst})
	for c := range soakConversations {
		s.wg.Go(func() { s.converse(ctx, cv, c, stopAt) })
	}
}

func (s *soak) awaitRun(ctx context.Context, i int, run *client.Run) {
	res, err := run.Result(ctx)
	s.mu.Lock()
	s.runs[i].res, s.runs[i].err = res, err
	s.mu.Unlock()
	s.answered()
}

// converse sends conversation c's messages one after another; a send that
// fails (its worker died) is sent again with the same message ID.
func (s *soak) converse(ctx context.Context, cv *client.Conversations, c int, stopAt time.Time) {
	key := fmt.Sprintf("%s-soak-%d", s.e.key(), c)
	for j := 0; time.Now().Before(stopAt); j++ {
		id, text := fmt.Sprintf("m-%d-%d", c, j), fmt.Sprintf("conv %d msg %d", c, j)
		var m soakMessage
		for {
			m.reply, m.err = cv.SendMessageWithID(ctx, key, id, text)
			if m.err == nil || ctx.Err() != nil {
				break
			}
			time.Sleep(200 * time.Millisecond)
		}
		s.mu.Lock()
		s.convs[c] = append(s.convs[c], m)
		s.mu.Unlock()
		s.answered()
	}
}

// killFor SIGKILLs the worker every 2–5 s and replaces it at once, for d.
// It returns the time of the last kill; a fresh worker is left up.
func (s *soak) killFor(w *proc, d time.Duration) time.Time {
	end := time.Now().Add(d)
	var last time.Time
	for {
		wait := 2*time.Second + time.Duration(s.rng.Int64N(int64(3*time.Second)))
		if time.Now().Add(wait).After(end) {
			return last
		}
		time.Sleep(wait)
		w.stop(syscall.SIGKILL)
		last = time.Now()
		s.mu.Lock()
		s.kills = append(s.kills, last)
		s.mu.Unlock()
		w = s.e.startTestWorker()
	}
}

// waitAll waits for every run and message to be answered, within the drain.
func (s *soak) waitAll(t *testing.T) {
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(s.cfg.chaos + soakDrain):
		t.Fatalf("wedged: runs or messages still unanswered %s after the soak began", s.cfg.chaos+soakDrain)
	}
}

// outcomes checks that every run completed with its own reply and every
// conversation answered each message in order with its own reply, and
// returns how many runs and messages there were, and how many tool calls
// gave up: a kill during a tool call spends one of its attempts (3 by
// default), so kills every 2–5 s can exhaust them; the run then completes
// with the tool's error as its output, which is reported, not hidden.
func (s *soak) outcomes(t *testing.T) (runs, msgs, toolGaveUp int) {
	for i, r := range s.runs {
		require.NoError(t, r.err, "run %d", i)
		require.Equal(t, assistant.StatusCompleted, r.res.Status, "run %d", i)
		switch {
		case r.tool && strings.Contains(r.res.Reply, "the tool did not finish in time"):
			toolGaveUp++
		case r.tool:
			require.Contains(t, r.res.Reply, fmt.Sprintf("r%d (key ", i), "run %d", i)
		default:
			require.Equal(t, fmt.Sprintf("Echo: soak run %d", i), r.res.Reply, "run %d", i)
		}
	}
	for c, conv := range s.convs {
		for j, m := range conv {
			require.NoError(t, m.err, "conversation %d message %d", c, j)
			require.Equal(t, j+1, m.reply.Turn, "conversation %d message %d: turns in order", c, j)
			require.Equal(t, fmt.Sprintf("Echo: conv %d msg %d", c, j), m.reply.Reply, "conversation %d message %d", c, j)
		}
		msgs += len(conv)
	}
	return len(s.runs), msgs, toolGaveUp
}

func (s *soak) toolRuns() (n int) {
	for _, r := range s.runs {
		if r.tool {
			n++
		}
	}
	return n
}

// maxRunsOnThread is the most runs any one thread may carry: a run has a
// thread of its own, a conversation one for all its messages.
func (s *soak) maxRunsOnThread() (n int) {
	n = 1
	for _, conv := range s.convs {
		n = max(n, len(conv))
	}
	return n
}
