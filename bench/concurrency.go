package main

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

type concResult struct {
	n, failed         int
	wall, p50, p99    time.Duration
	workerCPU, devCPU time.Duration
	rssKiB, idleKiB   int // peak, and before the runs
}

func (b *bench) concurrency(ctx context.Context) (string, error) {
	emu, asst, err := emulatorWithAssistant(ctx, openaitest.Options{})
	if err != nil {
		return "", err
	}
	defer emu.close()
	s := shape{modelLatency: time.Second, toolLatency: 200 * time.Millisecond, tools: 3}
	var out strings.Builder
	fmt.Fprintf(&out, "N runs started at once (one round of 3 tool calls of %s, model latency %s, no poll hint) on ONE worker process (bench/worker, the serve.Run wiring); the emulator and the starter live in the bench process, the dev server in its own. Run latency = start call -> result. CPU = utime+stime from /proc; RSS = VmHWM of the fresh worker process; per run = (peak - the idle worker's) / N, since the idle worker's own footprint is not the runs'.\n\n", s.toolLatency, s.modelLatency)
	out.WriteString("| N | worker | throughput | p50 run | p99 run | worker CPU per run | worker CPU util | dev server CPU util | worker peak RSS (idle) | per run | failed |\n|---|---|---|---|---|---|---|---|---|---|---|\n")
	variants := []struct {
		name string
		args []string
		mode assistant.Mode
	}{
		{"as serve.Run", nil, assistant.ModePoll},
		{"2000 activity slots, pollers 16/16", []string{"-act-slots", "2000", "-wf-pollers", "16", "-act-pollers", "16"}, assistant.ModePoll},
		{"as serve.Run, stream mode (one open stream per run)", nil, assistant.ModeStream},
	}
	for _, n := range b.cfg.concurrency {
		for _, v := range variants {
			if b.cfg.smoke && v.name != variants[0].name {
				continue
			}
			b.logf("concurrency: N=%d worker %s", n, v.name)
			r, err := b.concurrent(ctx, emu, asst, s, n, v.mode, v.args)
			if err != nil {
				return "", err
			}
			util := func(d time.Duration) string { return fmt.Sprintf("%.0f%%", 100*d.Seconds()/r.wall.Seconds()) }
			fmt.Fprintf(&out, "| %d | %s | %.1f runs/s | %s | %s | %s | %s | %s | %.0f MiB (%.0f MiB) | %.0f KiB | %d |\n",
				n, v.name, float64(r.n)/r.wall.Seconds(), secs(r.p50), secs(r.p99), ms1(r.workerCPU/time.Duration(n)),
				util(r.workerCPU), util(r.devCPU), float64(r.rssKiB)/1024, float64(r.idleKiB)/1024, float64(r.rssKiB-r.idleKiB)/float64(n), r.failed)
		}
	}
	return out.String(), nil
}

func (b *bench) concurrent(ctx context.Context, emu *emulator, asst string, s shape, n int, mode assistant.Mode, args []string) (concResult, error) {
	q := b.w.queue("conc")
	p, err := b.w.startWorkerProc(ctx, q, emu.url, args...)
	if err != nil {
		return concResult{}, err
	}
	defer p.stop(syscall.SIGTERM)
	pid, dev := p.cmd.Process.Pid, devServerPID()
	c := client.New(b.w.tc, client.Options{TaskQueue: q})
	cpu0, dev0, idle := cpu(pid), cpu(dev), peakRSS(pid)
	t0 := time.Now()
	lat := make([]time.Duration, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 200) // bounds start RPCs in flight, not runs
	for i := range n {
		wg.Go(func() {
			sem <- struct{}{}
			start := time.Now()
			run, err := c.StartRun(ctx, assistant.RunRequest{AssistantID: asst, Message: s.message(), Mode: mode},
				client.WithWorkflowID(fmt.Sprintf("%s-%d", q, i)))
			<-sem
			if err == nil {
				var res assistant.Result
				res, err = run.Result(ctx)
				if err == nil && res.Status != assistant.StatusCompleted {
					err = fmt.Errorf("run ended %s", res.Status)
				}
			}
			lat[i], errs[i] = time.Since(start), err
		})
	}
	wg.Wait()
	r := concResult{n: n, wall: time.Since(t0), workerCPU: cpu(pid) - cpu0, devCPU: cpu(dev) - dev0, rssKiB: peakRSS(pid), idleKiB: idle}
	var ok []time.Duration
	for i, e := range errs {
		if e != nil {
			r.failed++
			if r.failed == 1 {
				b.logf("concurrency: run %d: %v", i, e)
			}
			continue
		}
		ok = append(ok, lat[i])
	}
	r.p50, r.p99 = pct(ok, 0.5), pct(ok, 0.99)
	return r, nil
}
