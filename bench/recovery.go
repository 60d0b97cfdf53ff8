package main

import (
	"context"
	"fmt"
	"strings"
	"syscall"
	"time"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// recovery SIGKILLs the worker process while StartRun follows (polls) a run,
// starts a fresh one at once, and times kill -> the emulator's next request
// for that run. Heartbeat timeout: 10 s (workflows/options.go).
func (b *bench) recovery(ctx context.Context) (string, error) {
	emu, asst, err := emulatorWithAssistant(ctx, openaitest.Options{})
	if err != nil {
		return "", err
	}
	defer emu.close()
	q := b.w.queue("recovery")
	p, err := b.w.startWorkerProc(ctx, q, emu.url)
	if err != nil {
		return "", err
	}
	s := shape{modelLatency: b.cfg.recoveryWait, tools: 0}
	emu.watchFor("/runs/run_")
	run, err := client.New(b.w.tc, client.Options{TaskQueue: q}).StartRun(ctx, assistant.RunRequest{AssistantID: asst, Message: s.message()})
	if err != nil {
		p.stop(syscall.SIGKILL)
		return "", err
	}
	// Let the wait settle into its poll loop (a few heartbeats), then kill.
	settle := 4 * time.Second
	if b.cfg.smoke {
		settle = 2 * time.Second
	}
	time.Sleep(settle)
	b.logf("recovery: SIGKILL worker %d mid-wait", p.cmd.Process.Pid)
	killed := time.Now()
	p.stop(syscall.SIGKILL)
	p2, err := b.w.startWorkerProc(ctx, q, emu.url)
	if err != nil {
		return "", err
	}
	defer p2.stop(syscall.SIGTERM)
	ready := time.Since(killed)
	var next hit
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if h, ok := emu.firstAfter(killed); ok {
			next = h
			break
		}
		if time.Now().After(deadline) {
			return "", fmt.Errorf("no request for the run within 60s of the kill")
		}
	}
	res, err := run.Result(ctx)
	if err != nil {
		return "", err
	}
	st := emu.Stats()
	var out strings.Builder
	out.WriteString("Worker process SIGKILLed while StartRun follows (polls) the run (after " + settle.String() + "), a fresh worker started at once; recovery = kill -> the emulator's next request for that run. Budget: <= heartbeat timeout (10 s) + a few seconds.\n\n")
	out.WriteString("| killed during | fresh worker polling after | recovery (kill -> next request) | next request | run ended | runs created | tool submissions |\n|---|---|---|---|---|---|---|\n")
	fmt.Fprintf(&out, "| the first wait (model latency %s) | %s | %s | `%s` | %s | %d | %d |\n", s.modelLatency, secs(ready),
		secs(next.at.Sub(killed)), shortPath(next.path), res.Status, st.RunsCreated, st.ToolOutputSubmissions)
	return out.String(), nil
}

func shortPath(p string) string {
	if i := strings.Index(p, "/runs/"); i >= 0 {
		return p[:strings.IndexByte(p, ' ')+1] + "…" + p[i:]
	}
	return p
}
