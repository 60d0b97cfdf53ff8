package integration

import (
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/openaitest"
)

// The chaos soak: 100 runs and 10 conversations while the worker process is
// SIGKILLed every 2–5 s (seeded), then one worker is left up and everything
// must finish within a bounded drain. The emulator's counters must show
// every run and every message exactly once, and every tool round submitted
// exactly once. CI runs 60 s of chaos on the assistants protocol;
// CHAOS_SOAK=5m runs longer on both protocols (CHAOS_SOAK_PROTOCOLS=responses
// picks some; CHAOS_SEED picks the kills).
const (
	soakRuns          = 100
	soakConversations = 10
	soakCIChaos       = 60 * time.Second
	soakDrain         = 3 * time.Minute // bound on finishing after the last kill
)

// soakConfig is one soak's length, seed and protocols.
type soakConfig struct {
	chaos     time.Duration
	seed      int64
	protocols []protocol
}

func soakSettings(t *testing.T) soakConfig {
	cfg := soakConfig{chaos: soakCIChaos, seed: 1, protocols: protocols[:1]}
	if v := os.Getenv("CHAOS_SOAK"); v != "" {
		d, err := time.ParseDuration(v)
		require.NoError(t, err, "CHAOS_SOAK must be a duration, e.g. 5m")
		cfg.chaos, cfg.protocols = d, protocols
	}
	if v := os.Getenv("CHAOS_SOAK_PROTOCOLS"); v != "" {
		cfg.protocols = nil
		for _, p := range protocols {
			if slices.Contains(strings.Split(v, ","), p.name) {
				cfg.protocols = append(cfg.protocols, p)
			}
		}
		require.NotEmpty(t, cfg.protocols, "CHAOS_SOAK_PROTOCOLS names no protocol: %q", v)
	}
	if v := os.Getenv("CHAOS_SEED"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		require.NoError(t, err, "CHAOS_SEED must be an integer")
		cfg.seed = n
	}
	return cfg
}

func TestChaosSoak(t *testing.T) {
	cfg := soakSettings(t)
	for _, p := range cfg.protocols {
		t.Run(p.name, func(t *testing.T) { chaosSoak(t, p, cfg) })
	}
}

func chaosSoak(t *testing.T, p protocol, cfg soakConfig) {
	e, w := protocolEnv(t, p, openaitest.Options{})
	asst := p.assistant(e)
	ctx := e.ctx(cfg.chaos + soakDrain + time.Minute)
	s := newSoak(e, asst, cfg)

	began := time.Now()
	s.startLoad(ctx)
	lastKill := s.killFor(w, cfg.chaos) // leaves a fresh worker up
	s.waitAll(t)
	drain := time.Since(lastKill)

	st := e.emu.Stats()
	runs, msgs, gaveUp := s.outcomes(t)
	t.Logf("soak %s: seed %d, %s of chaos, %d kills, %d runs (%d with a tool call, %d of which gave up) + %d conversation messages in %s; "+
		"recovery after a kill (to the next answer) p50 %.1f s, max %.1f s; drain after the last kill %.1f s; "+
		"emulator: %d runs, %d user messages, %d tool output submissions",
		p.name, cfg.seed, cfg.chaos, len(s.kills), runs, s.toolRuns(), gaveUp, msgs, time.Since(began).Round(time.Second),
		s.recovery(0.5).Seconds(), s.recovery(1).Seconds(), drain.Seconds(),
		st.RunsCreated, st.UserMessagesCreated, st.ToolOutputSubmissions)

	require.Less(t, drain, soakDrain, "wedged: not finished within the drain bound")
	require.Equal(t, runs+msgs, st.RunsCreated, "runs created: one per run and per message")
	require.Equal(t, runs+msgs, st.UserMessagesCreated, "user messages: one per run and per message")
	require.Equal(t, s.toolRuns(), st.ToolOutputSubmissions, "tool outputs: one submission per tool round")
	for thread, n := range st.RunsPerThread {
		require.LessOrEqual(t, n, s.maxRunsOnThread(), "thread %s", thread)
	}
}

// recovery is the q-quantile of the time from a kill to the next answer.
func (s *soak) recovery(q float64) time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ds []time.Duration
	for _, k := range s.kills {
		i, _ := slices.BinarySearchFunc(s.answers, k, func(a, k time.Time) int { return a.Compare(k) })
		if i < len(s.answers) {
			ds = append(ds, s.answers[i].Sub(k))
		}
	}
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	return ds[min(int(q*float64(len(ds))), len(ds)-1)]
}
