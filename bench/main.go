// Command bench measures the engine on one machine, in one run, side by
// side with hand-written peers, and writes a markdown table (issue 9):
//
//	go run ./bench [-smoke] [-out bench/RESULTS.md] [-only overhead,history,...]
//
// It starts its own dev server, emulator and workers. -smoke runs tiny
// sizes in well under a minute (CI runs it through TestSmoke).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/durable-assistants/durable-assistants/bench/kit"
)

// sections in the order of the table; -only picks some.
var sections = []string{"overhead", "economy", "history", "fanout", "concurrency", "recovery", "idle-conversations", "cluster", "latency"}

// config are the sizes of one bench run.
type config struct {
	smoke        bool
	runs         int           // sequential runs per peer (overhead)
	modelLatency time.Duration // overhead, fan-out
	toolLatency  time.Duration
	history      []time.Duration // model latencies of the history runs
	turns        int
	fanout       []int
	fanoutL      time.Duration
	concurrency  []int
	recoveryWait time.Duration // model latency of the killed run
	idle         []idleVariant // idle conversations: how many, on which worker
	idleWait     time.Duration // how long they idle before the reading
	// latency: rounds of every peer, tool latencies, the cluster too
	latencyRounds  int
	latencyTools   []time.Duration
	latencyCluster bool
	latencyServer  string // only the servers whose name contains it
	latencyTuning  bool   // worker settings next to the defaults (latTuning)
}

// idleVariant is one idle-conversations measurement: N conversations on a
// worker started with args.
type idleVariant struct {
	n    int
	name string
	args []string
}

func fullConfig() config {
	return config{runs: 10, modelLatency: 500 * time.Millisecond, toolLatency: 200 * time.Millisecond,
		history: []time.Duration{time.Second, 60 * time.Second}, turns: 3,
		fanout: []int{1, 3, 10, 50}, fanoutL: 2 * time.Second,
		concurrency: []int{200, 1000}, recoveryWait: 40 * time.Second,
		idle: []idleVariant{
			{10000, fmt.Sprintf("serve default (%d)", kit.DefaultStickyCache()), nil},
			// The SDK's default cache holds them all: measured at fewer,
			// since 10,000 of them take the dev server over 20 minutes.
			{3000, "SDK default (10,000)", []string{"-sticky-cache", "10000"}},
		}, idleWait: 30 * time.Second,
		latencyRounds: 15, latencyTools: []time.Duration{0, 200 * time.Millisecond}, latencyCluster: true}
}

func smokeConfig() config {
	return config{smoke: true, runs: 2, modelLatency: 200 * time.Millisecond, toolLatency: 50 * time.Millisecond,
		history: []time.Duration{200 * time.Millisecond, time.Second}, turns: 2,
		fanout: []int{1, 3}, fanoutL: 300 * time.Millisecond,
		concurrency: []int{5}, recoveryWait: 12 * time.Second,
		idle:          []idleVariant{{20, fmt.Sprintf("serve default (%d)", kit.DefaultStickyCache()), nil}},
		idleWait:      2 * time.Second,
		latencyRounds: 1, latencyTools: []time.Duration{0}}
}

type bench struct {
	cfg  config
	w    *world
	logf func(string, ...any)
}

func main() {
	smoke := flag.Bool("smoke", false, "tiny sizes: checks the bench still runs (under a minute)")
	out := flag.String("out", "bench/RESULTS.md", "markdown file to write")
	only := flag.String("only", "", "comma-separated sections: "+strings.Join(sections, ","))
	rounds := flag.Int("latency-rounds", 0, "latency: rounds of every peer (0 = 15; smoke 1)")
	server := flag.String("latency-server", "", "latency: only the servers whose name contains this (e.g. write-ahead)")
	tuning := flag.Bool("latency-tuning", false, "latency: also measure other worker settings (pollers)")
	noCluster := flag.Bool("latency-no-cluster", false, "latency: leave out the PostgreSQL cluster")
	idleN := flag.Int("idle-n", 0, "idle-conversations: N of every measurement (0 = 10,000 and 3,000; smoke 20)")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	tweak := func(c *config) {
		for i := range c.idle {
			if *idleN > 0 {
				c.idle[i].n = *idleN
			}
		}
		if *rounds > 0 {
			c.latencyRounds = *rounds
		}
		c.latencyCluster = c.latencyCluster && !*noCluster
		c.latencyServer = *server
		c.latencyTuning = *tuning
	}
	md, err := run(ctx, *smoke, *only, tweak, func(f string, a ...any) { fmt.Fprintf(os.Stderr, "bench: "+f+"\n", a...) })
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, []byte(md), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	fmt.Println(md)
}

// run measures the chosen sections and returns the markdown.
func run(ctx context.Context, smoke bool, only string, tweak func(*config), logf func(string, ...any)) (string, error) {
	cfg := fullConfig()
	if smoke {
		cfg = smokeConfig()
	}
	if tweak != nil {
		tweak(&cfg)
	}
	want := sections
	if only != "" {
		want = strings.Split(only, ",")
	}
	w, err := newWorld(ctx, logf)
	if err != nil {
		return "", err
	}
	defer w.close()
	b := &bench{cfg: cfg, w: w, logf: logf}
	body := map[string]string{}
	if slices.Contains(want, "concurrency") || slices.Contains(want, "recovery") || slices.Contains(want, "idle-conversations") ||
		slices.Contains(want, "cluster") {
		// Built first: other engineers' edits must not break it mid-run.
		if _, err := w.buildBinary(ctx, "bench/worker"); err != nil {
			return "", err
		}
	}
	if slices.Contains(want, "overhead") || slices.Contains(want, "economy") {
		if body["overhead"], body["economy"], err = b.overhead(ctx); err != nil {
			body["overhead"], body["economy"] = failed(err), failed(err)
		}
	}
	steps := map[string]func(context.Context) (string, error){
		"history": b.history, "fanout": b.fanout, "concurrency": b.concurrency, "recovery": b.recovery,
		"idle-conversations": b.idleConversations,
		"cluster":            b.cluster,
		"latency":            b.latency,
	}
	for _, name := range sections[2:] {
		if !slices.Contains(want, name) {
			continue
		}
		if body[name], err = steps[name](ctx); err != nil {
			body[name] = failed(err) // the other sections still report
		}
	}
	return render(cfg, want, body), nil
}

var titles = map[string]string{
	"overhead":           "1. Overhead: one tool round, workflow vs direct openai-go loop vs openai-node",
	"economy":            "2. API economy: requests per run",
	"history":            "3. History per run and per conversation turn",
	"fanout":             "4. Fan-out: N parallel tool calls of latency L",
	"concurrency":        "5. Concurrency: many runs on one worker",
	"recovery":           "6. Recovery after SIGKILL mid-run",
	"idle-conversations": "7. Idle conversations on one worker",
	"cluster":            "8. Dev server vs PostgreSQL cluster: the largest concurrency size on each",
	"latency":            "9. Latency on persisted servers: where a run's time goes",
}

func render(cfg config, want []string, body map[string]string) string {
	var b strings.Builder
	mode := "full"
	if cfg.smoke {
		mode = "smoke (tiny sizes; figures are not representative)"
	}
	fmt.Fprintf(&b, "# Benchmarks\n\nWritten by `go run ./bench` (%s) on %s, %d CPUs, %s, %s. Budgets: docs/design.md#budgets. Local dev server (Temporal CLI v1.5.1, SQLite in memory), in-process `openaitest` emulator.\n\n",
		mode, time.Now().UTC().Format("2006-01-02 15:04 UTC"), runtime.NumCPU(), runtime.GOOS+"/"+runtime.GOARCH, runtime.Version())
	for _, name := range sections {
		if !slices.Contains(want, name) {
			continue
		}
		fmt.Fprintf(&b, "## %s\n\n%s\n", titles[name], body[name])
	}
	return b.String()
}

func failed(err error) string {
	return "**failed:** " + strings.ReplaceAll(err.Error(), "\n", " ") + "\n"
}
