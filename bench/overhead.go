package main

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/durable-assistants/durable-assistants/assistant"

	"github.com/durable-assistants/durable-assistants/bench/kit"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// steps is the number of sequential steps of the run, as the direct loop
// makes them: create thread, create run, wait, tools (x3 in parallel),
// submit, wait. (The workflow makes three of them: a local CreateThread,
// StartRun following the run, the tools, SubmitToolOutputs following it.)
const steps = 6

type peerResult struct {
	name   string
	s      sample
	note   string // why there are no figures
	direct bool
}

// overheadMode is one emulator setting: with an openai-poll-after-ms hint, or
// without (the loop and the activities back off 50 ms x1.5 -> 1 s from the
// start of each wait; openai-node polls every 100 ms).
type overheadMode struct {
	name        string
	pollAfterMs int
}

func (b *bench) overhead(ctx context.Context) (string, string, error) {
	s := shape{modelLatency: b.cfg.modelLatency, toolLatency: b.cfg.toolLatency, tools: 3}
	modes := []overheadMode{{"server hint openai-poll-after-ms: 100", 100}, {"no hint (the loop and the activities back off 50 ms x1.5 to 1 s per wait; openai-node polls every 100 ms)", 0}}
	if b.cfg.smoke {
		modes = modes[:1]
	}
	var over, econ strings.Builder
	fmt.Fprintf(&over, "One run, one round of 3 parallel tool calls of %s, model latency %s (before and after the tools), %d sequential runs per peer after one warm-up; wall time from start to reply. Overhead per step = (p50 - direct p50) / %d sequential steps (create thread, create run, wait, tools, submit, wait).\n\n",
		s.toolLatency, s.modelLatency, b.cfg.runs, steps)
	fmt.Fprintf(&econ, "Emulator requests per run of the same runs (all routes).\n\n")
	for _, m := range modes {
		res, err := b.overheadMode(ctx, s, m)
		if err != nil {
			return "", "", err
		}
		writeOverhead(&over, m, res)
		writeEconomy(&econ, m, res)
	}
	return over.String(), econ.String(), nil
}

func (b *bench) overheadMode(ctx context.Context, s shape, m overheadMode) ([]peerResult, error) {
	emu, asst, err := emulatorWithAssistant(ctx, openaitest.Options{PollAfterMs: m.pollAfterMs, ModelLatency: s.modelLatency})
	if err != nil {
		return nil, err
	}
	defer emu.close()
	var out []peerResult
	add := func(name string, r runner, direct bool) error {
		b.logf("overhead [%s]: %s", m.name, name)
		smp, err := measure(ctx, emu, r, b.cfg.runs)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		out = append(out, peerResult{name: name, s: smp, direct: direct})
		return nil
	}
	if err := add("direct openai-go loop", directPeer(emu.url, asst, s), true); err != nil {
		return nil, err
	}
	for _, v := range b.workerVariants() {
		q, stop, err := b.w.startInProcess("overhead", emu.url, v.tuning)
		if err != nil {
			return nil, err
		}
		err = add(v.name, workflowPeer(b.w.tc, q, asst, s, v.mode), false)
		stop()
		if err != nil {
			return nil, err
		}
	}
	b.logf("overhead [%s]: node", m.name)
	before := emu.requests()
	pollMs := 0
	if m.pollAfterMs == 0 {
		pollMs = 100
	}
	walls, note, err := nodePeer(ctx, emu.url, asst, s, b.cfg.runs+1, pollMs)
	if err != nil {
		return nil, err
	}
	pr := peerResult{name: "openai-node 5.23.2 createAndPoll + submitToolOutputsAndPoll", note: note}
	if note == "" {
		pr.s = sample{walls: walls[1:], n: len(walls), reqs: diff(before, emu.requests())}
	}
	out = append(out, pr)
	return out, nil
}

// workerVariant is one worker setup measured in the overhead scenario.
type workerVariant struct {
	name   string
	tuning kit.Tuning
	mode   assistant.Mode
}

func (b *bench) workerVariants() []workerVariant {
	vs := []workerVariant{
		{name: "workflows.Run, worker as serve.Run"},
		{name: "workflows.Run, stream mode", mode: assistant.ModeStream},
		{name: "workflows.Run, tuned worker (pollers 16/16, poll 50 ms..1 s)",
			tuning: kit.Tuning{WorkflowPollers: 16, ActivityPollers: 16, PollInitial: 50 * time.Millisecond}},
	}
	if b.cfg.smoke {
		return vs[:2]
	}
	return vs
}

func directOf(res []peerResult) sample {
	for _, r := range res {
		if r.direct {
			return r.s
		}
	}
	return sample{}
}

func writeOverhead(w *strings.Builder, m overheadMode, res []peerResult) {
	d := directOf(res)
	d50 := pct(d.walls, 0.5)
	fmt.Fprintf(w, "**%s**\n\n| peer | p50 | p95 | p50 vs direct | overhead per step (p50) |\n|---|---|---|---|---|\n", m.name)
	for _, r := range res {
		if r.note != "" {
			fmt.Fprintf(w, "| %s | %s | | | |\n", r.name, r.note)
			continue
		}
		p50 := pct(r.s.walls, 0.5)
		fmt.Fprintf(w, "| %s | %s | %s | %.3fx | %s |\n", r.name, ms(p50), ms(pct(r.s.walls, 0.95)),
			float64(p50)/float64(d50), ms1((p50-d50)/steps))
	}
	w.WriteString("\n")
}

func writeEconomy(w *strings.Builder, m overheadMode, res []peerResult) {
	fmt.Fprintf(w, "**%s**\n\n| peer | requests per run | of which GET run |\n|---|---|---|\n", m.name)
	for _, r := range res {
		if r.note != "" {
			fmt.Fprintf(w, "| %s | %s | |\n", r.name, r.note)
			continue
		}
		gets := float64(r.s.reqs["GET /v1/threads/{thread_id}/runs/{run_id}"]) / float64(r.s.n)
		fmt.Fprintf(w, "| %s | %.1f | %.1f |\n", r.name, r.s.perRun(), gets)
	}
	if len(res) > 0 && res[0].s.reqs != nil {
		keys := slices.Sorted(maps.Keys(res[0].s.reqs))
		fmt.Fprintf(w, "\nRoutes of the direct loop per run: ")
		for i, k := range keys {
			if i > 0 {
				w.WriteString(", ")
			}
			fmt.Fprintf(w, "`%s` %.1f", k, float64(res[0].s.reqs[k])/float64(res[0].s.n))
		}
		w.WriteString("\n")
	}
	w.WriteString("\n")
}
