package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	historypb "go.temporal.io/api/history/v1"
	tclient "go.temporal.io/sdk/client"

	"github.com/durable-assistants/durable-assistants/bench/kit"
	"github.com/durable-assistants/durable-assistants/client"

	"github.com/durable-assistants/durable-assistants/internal/cluster"
	"github.com/durable-assistants/durable-assistants/internal/devserver"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// latServer is one Temporal server the latency section measures against.
type latServer struct {
	name string
	w    *world
	pid  func() int // the server process (0: not read)
	stop func()
}

// latVariant is one worker process setup.
type latVariant struct {
	name string
	args []string
}

// latVariants: before issue 18 (every activity through a poll), with eager
// activities (the default now), and with the bench tool declared local.
var latVariants = []latVariant{
	{"regular activities, eager off (before)", []string{"-no-eager"}},
	{"eager activities (default)", nil},
	{"eager + local tools (tools.WithLocal)", []string{"-local-tools"}},
}

// latTuning are worker settings tried next to the defaults
// (-latency-tuning): workflow task pollers (the SDK's default is 2) and
// activity pollers (serve.Run's default is 8, the SDK's 2).
var latTuning = []latVariant{
	{"eager, 4 workflow task pollers", []string{"-wf-pollers", "4"}},
	{"eager, 8 workflow task pollers", []string{"-wf-pollers", "8"}},
	{"eager, 2 activity pollers", []string{"-act-pollers", "2"}},
}

// latency measures the direct loop and the workflow, its worker in its own
// process, round after round (one run of each peer per round, in turn), so
// that the machine's noise falls on all alike; the ratio is taken per round.
func (b *bench) latency(ctx context.Context) (string, error) {
	if !b.cfg.smoke { // built once, before the other servers' worlds share it
		if _, err := b.w.buildBinary(ctx, "bench/worker"); err != nil {
			return "", err
		}
	}
	emu, asst, err := emulatorWithAssistant(ctx, openaitest.Options{PollAfterMs: 100, ModelLatency: b.cfg.modelLatency})
	if err != nil {
		return "", err
	}
	defer emu.close()
	var out strings.Builder
	fmt.Fprintf(&out, "One run, one round of 3 parallel tool calls, model latency %s per decision (server hint openai-poll-after-ms 100), the worker in its own process (bench/worker), the emulator and the starter in the bench process. %d rounds; each round runs every peer once, in turn, so that the machine's noise falls on all alike. Ratio = the median over rounds of (this run / the direct loop's run of the same round); IQR = its 25th-75th percentiles, the noise. Per step (medians, from each run's history): workflow tasks, the wait of the first one after the start, the sum of the tasks' dispatch (scheduled -> started) and run (started -> completed), the sum of the activities' dispatch (a round of parallel calls counts its slowest). CPU per run: the worker process, the server process, and the bench process (emulator + starter, or emulator + the direct loop: the direct loop's own CPU is that row's).\n\n",
		b.cfg.modelLatency, b.cfg.latencyRounds)
	for _, st := range b.latencyServers() {
		srv, err := st.start(ctx, st.name)
		if err != nil {
			fmt.Fprintf(&out, "**%s**: not measured: %s\n\n", srv.name, strings.ReplaceAll(err.Error(), "\n", " "))
			continue
		}
		for _, tl := range b.cfg.latencyTools {
			s := shape{modelLatency: b.cfg.modelLatency, toolLatency: tl, tools: 3}
			b.logf("latency: %s, tools %s", srv.name, tl)
			rows, err := b.latencyRounds(ctx, srv, emu, asst, s)
			if err != nil {
				srv.stop()
				return "", fmt.Errorf("%s: %w", srv.name, err)
			}
			fmt.Fprintf(&out, "**%s, tools of %s**\n\n", srv.name, tl)
			writeLatency(&out, rows)
		}
		srv.stop()
	}
	return out.String(), nil
}

// latServerStart starts one server of the latency section.
type latServerStart struct {
	name  string
	start func(context.Context, string) (latServer, error)
}

// latencyServers are the servers measured: the world's in-memory dev
// server, one on disk as the project starts it (write-ahead log) and as the
// CLI would (rollback journal), and (full runs) the PostgreSQL cluster;
// -latency-server picks those whose name contains it. Each is started when
// measured; one that does not start is reported, the others still are.
func (b *bench) latencyServers() []latServerStart {
	disk := func(rollback bool) func(context.Context, string) (latServer, error) {
		return func(ctx context.Context, name string) (latServer, error) { return b.diskServer(ctx, name, rollback) }
	}
	all := []latServerStart{
		{"dev server, SQLite in memory", func(_ context.Context, name string) (latServer, error) {
			return latServer{name: name, w: b.w, pid: devServerPID, stop: func() {}}, nil
		}},
		{"dev server, SQLite on disk, rollback journal (the CLI's default)", disk(true)},
		{"dev server, SQLite on disk, write-ahead log (devserver's default)", disk(false)},
		{"cluster, PostgreSQL (4 shards)", b.clusterServer},
	}
	if b.cfg.smoke { // the code paths, not the figures: no server more to start
		return all[:1]
	}
	var out []latServerStart
	for _, s := range all {
		if strings.Contains(s.name, b.cfg.latencyServer) && (b.cfg.latencyCluster || !strings.HasPrefix(s.name, "cluster")) {
			out = append(out, s)
		}
	}
	return out
}

func (b *bench) clusterServer(ctx context.Context, name string) (latServer, error) {
	c, err := cluster.Start(ctx, cluster.Options{})
	if err != nil {
		return latServer{name: name}, err
	}
	sw, err := b.subWorld(c.FrontendHostPort())
	if err != nil {
		c.Stop()
		return latServer{name: name}, err
	}
	return latServer{name: name, w: sw, pid: c.ServerPID, stop: func() { sw.tc.Close(); c.Stop() }}, nil
}

func (b *bench) diskServer(ctx context.Context, name string, rollback bool) (latServer, error) {
	dir, err := os.MkdirTemp("", "da-bench-db-")
	if err != nil {
		return latServer{name: name}, err
	}
	srv, err := devserver.Start(ctx, devserver.Options{DBFile: filepath.Join(dir, "temporal.db"), RollbackJournal: rollback})
	if err != nil {
		_ = os.RemoveAll(dir)
		return latServer{name: name}, err
	}
	sw, err := b.subWorld(srv.FrontendHostPort())
	if err != nil {
		_ = srv.Stop()
		_ = os.RemoveAll(dir)
		return latServer{name: name}, err
	}
	return latServer{name: name, w: sw, pid: srv.Pid,
		stop: func() { sw.tc.Close(); _ = srv.Stop(); _ = os.RemoveAll(dir) }}, nil
}

// subWorld is a world on another server sharing this one's worker build.
func (b *bench) subWorld(addr string) (*world, error) {
	tc, err := tclient.Dial(tclient.Options{HostPort: addr, Logger: quietLogger()})
	if err != nil {
		return nil, err
	}
	return &world{addr: addr, tc: tc, binDir: b.w.binDir, log: b.w.log}, nil
}

// latRow is what one peer measured over the rounds.
type latRow struct {
	name                   string
	walls, ratios          []time.Duration // ratios in 1/1000 (time.Duration for pct)
	steps                  []stepTimes
	workerCPU, srvCPU, own time.Duration // totals over the rounds
	n, requests            int
	embedded               bool // the worker is in the bench process
}

// latPeer is one way of running the shape that the latency table compares:
// pid is its worker process (0: none, or the bench process).
type latPeer struct {
	row *latRow
	run runner
	pid int
}

func (b *bench) latencyRounds(ctx context.Context, srv latServer, emu *emulator, asst string, s shape) ([]*latRow, error) {
	peers := []latPeer{{row: &latRow{name: "direct openai-go loop"}, run: directPeer(emu.url, asst, s)}}
	variants := latVariants
	if b.cfg.latencyTuning {
		variants = append(slices.Clone(variants), latTuning...)
	}
	if b.cfg.smoke { // the code paths only: the in-process peer, no warm-up
		variants = nil
	}
	for _, v := range variants {
		q := srv.w.queue("latency")
		p, err := srv.w.startWorkerProc(ctx, q, emu.url, v.args...)
		if err != nil {
			return nil, err
		}
		defer p.stop(syscall.SIGTERM)
		peers = append(peers, latPeer{row: &latRow{name: v.name}, run: workflowPeer(srv.w.tc, q, asst, s, ""), pid: p.cmd.Process.Pid})
	}
	// Starter and worker in one process (embedded use): eager workflow start
	// too. Its CPU is the bench process's.
	q := srv.w.queue("latency-embedded")
	wk := kit.NewWorker(srv.w.tc, q, emu.url, kit.Tuning{LocalTools: true})
	if err := wk.Start(); err != nil {
		return nil, err
	}
	defer wk.Stop()
	embedded := client.New(srv.w.tc, client.Options{TaskQueue: q, EagerStart: true})
	peers = append(peers, latPeer{row: &latRow{name: "embedded worker: + eager start (client.Options.EagerStart)", embedded: true},
		run: clientPeer(embedded, q, asst, s, "")})
	first := -1 // round -1 warms up
	if b.cfg.smoke {
		first = 0
	}
	for round := first; round < b.cfg.latencyRounds; round++ {
		var direct time.Duration // the direct loop runs first in each round
		for _, p := range peers {
			if err := measureRound(ctx, srv, emu, p, round, &direct); err != nil {
				return nil, err
			}
		}
	}
	rows := make([]*latRow, len(peers))
	for i, p := range peers {
		rows[i] = p.row
	}
	return rows, nil
}

// measureRound runs one round of one peer and, past the warm-up (round
// -1), adds its figures to the peer's row: wall time, as a ratio of the
// direct loop's in this round (*direct, which the direct loop sets), CPU,
// requests and the history's steps.
func measureRound(ctx context.Context, srv latServer, emu *emulator, p latPeer, round int, direct *time.Duration) error {
	w0, s0, o0, q0 := cpu(p.pid), cpu(srv.pid()), selfCPU(), total(emu.requests())
	t0 := time.Now()
	id, err := p.run(ctx, round)
	wall := time.Since(t0)
	if err != nil {
		return fmt.Errorf("%s: %w", p.row.name, err)
	}
	if round < 0 {
		return nil
	}
	r := p.row
	if p.pid != 0 {
		r.workerCPU += cpu(p.pid) - w0
	}
	if p.pid != 0 || r.embedded {
		evs, err := srv.w.events(ctx, id)
		if err != nil {
			return err
		}
		r.steps = append(r.steps, stepsOf(evs))
		if os.Getenv("BENCH_TIMELINE") != "" {
			dumpTimeline(p.row.name, t0, wall, evs)
		}
	} else {
		*direct = wall
	}
	r.srvCPU += cpu(srv.pid()) - s0
	r.own += selfCPU() - o0
	r.requests += total(emu.requests()) - q0
	r.walls = append(r.walls, wall)
	r.ratios = append(r.ratios, time.Duration(1000*wall/(*direct)))
	r.n++
	return nil
}

// selfCPU is this process's user+system CPU time.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func writeLatency(w *strings.Builder, rows []*latRow) {
	w.WriteString("| peer | p50 | vs direct (IQR) | API requests/run | events/run | workflow tasks | first task wait | task dispatch | task run | activity dispatch | worker CPU/run | server CPU/run | bench CPU/run |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		ratio := func(q float64) float64 { return float64(pct(r.ratios, q)) / 1000 }
		fmt.Fprintf(w, "| %s | %s | %.3fx (%.3f-%.3f) | %.1f | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", r.name, ms(pct(r.walls, 0.5)),
			ratio(0.5), ratio(0.25), ratio(0.75), float64(r.requests)/float64(max(r.n, 1)),
			medianOf(r.steps, func(s stepTimes) time.Duration { return time.Duration(s.events) }, "%.0f"),
			medianOf(r.steps, func(s stepTimes) time.Duration { return time.Duration(s.wfts) }, "%.0f"),
			stepMs(r.steps, func(s stepTimes) time.Duration { return s.firstWFT }),
			stepMs(r.steps, func(s stepTimes) time.Duration { return s.wftDispatch }),
			stepMs(r.steps, func(s stepTimes) time.Duration { return s.wftRun }),
			stepMs(r.steps, func(s stepTimes) time.Duration { return s.actDispatch }),
			perRun(r.workerCPU, r.n, r.steps == nil || r.embedded), perRun(r.srvCPU, r.n, false), perRun(r.own, r.n, false))
	}
	w.WriteString("\n")
}

func stepMs(steps []stepTimes, f func(stepTimes) time.Duration) string {
	if len(steps) == 0 {
		return "-"
	}
	return ms1(medianOf1(steps, f))
}

func medianOf(steps []stepTimes, f func(stepTimes) time.Duration, format string) string {
	if len(steps) == 0 {
		return "-"
	}
	return fmt.Sprintf(format, float64(medianOf1(steps, f)))
}

func medianOf1(steps []stepTimes, f func(stepTimes) time.Duration) time.Duration {
	ds := make([]time.Duration, len(steps))
	for i, s := range steps {
		ds[i] = f(s)
	}
	return pct(ds, 0.5)
}

func perRun(total time.Duration, n int, none bool) string {
	if none || n == 0 {
		return "-"
	}
	return ms1(total / time.Duration(n))
}

// dumpTimeline prints a run's events, in ms from the start call, to stderr
// (BENCH_TIMELINE=1): where a regression sits, event by event.
func dumpTimeline(name string, t0 time.Time, wall time.Duration, evs []*historypb.HistoryEvent) {
	fmt.Fprintf(os.Stderr, "== %s wall %s\n", name, wall)
	for _, e := range evs {
		fmt.Fprintf(os.Stderr, "%7.1f %s\n", float64(e.GetEventTime().AsTime().Sub(t0))/1e6, e.GetEventType())
	}
	fmt.Fprintf(os.Stderr, "%7.1f client result\n", float64(wall)/1e6)
}
