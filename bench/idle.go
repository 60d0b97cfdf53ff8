package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// idleResult is what one idle-conversations measurement saw.
type idleResult struct {
	n, failed                 int
	wall                      time.Duration // starting N conversations, one message each
	workerCPU, devCPU         time.Duration // while starting
	idleDevCPU                time.Duration // while idle
	baseKiB, peakKiB, idleKiB int           // worker RSS: before, peak, once idle
	devKiB                    int           // dev server RSS once idle
}

// idleConversations starts N conversations of one message each on one
// worker, lets them go idle, and reads what they cost while idle: a
// conversation waiting for its next message is a workflow parked on a timer
// and a signal; it must not hold worker memory beyond the sticky cache.
func (b *bench) idleConversations(ctx context.Context) (string, error) {
	emu, asst, err := emulatorWithAssistant(ctx, openaitest.Options{ModelLatency: 20 * time.Millisecond})
	if err != nil {
		return "", err
	}
	defer emu.close()
	var out strings.Builder
	fmt.Fprintf(&out, "N conversations started at once (%d sends in flight), one message each (one turn: a child Run, model latency 20 ms), on ONE worker process; then %s idle. RSS = VmRSS from /proc (VmHWM for the peak); CPU = utime+stime; dev server = the local `temporal server start-dev` (SQLite in memory).\n\n", idleInFlight, b.cfg.idleWait)
	out.WriteString("| N | worker sticky cache | start wall | worker CPU per conversation | worker RSS before | peak | idle | idle per conversation | dev server CPU util (start / idle) | dev server RSS idle | failed |\n|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, v := range b.cfg.idle {
		b.logf("idle-conversations: N=%d, %s", v.n, v.name)
		r, err := b.idle(ctx, emu, asst, v.n, v.args)
		if err != nil {
			return "", err
		}
		util := func(cpu, wall time.Duration) string { return fmt.Sprintf("%.0f%%", 100*cpu.Seconds()/wall.Seconds()) }
		mib := func(kib int) string { return fmt.Sprintf("%.0f MiB", float64(kib)/1024) }
		fmt.Fprintf(&out, "| %d | %s | %s | %s | %s | %s | %s | %.1f KiB | %s / %s | %s | %d |\n",
			r.n, v.name, secs(r.wall), ms1(r.workerCPU/time.Duration(r.n)), mib(r.baseKiB), mib(r.peakKiB), mib(r.idleKiB),
			float64(r.idleKiB-r.baseKiB)/float64(r.n), util(r.devCPU, r.wall), util(r.idleDevCPU, b.cfg.idleWait), mib(r.devKiB), r.failed)
	}
	return out.String(), nil
}

// idleInFlight bounds the sends in flight, not the conversations.
const idleInFlight = 200

func (b *bench) idle(ctx context.Context, emu *emulator, asst string, n int, args []string) (idleResult, error) {
	q := b.w.queue("idle")
	p, err := b.w.startWorkerProc(ctx, q, emu.url, args...)
	if err != nil {
		return idleResult{}, err
	}
	defer p.stop(syscall.SIGTERM)
	pid, dev := p.cmd.Process.Pid, devServerPID()
	r := idleResult{n: n, baseKiB: procKiB(pid, "VmRSS")}
	cv := client.New(b.w.tc, client.Options{TaskQueue: q}).Conversations(assistant.ConversationSettings{AssistantID: asst})
	cpu0, dev0, t0 := cpu(pid), cpu(dev), time.Now()
	r.failed = sendOne(ctx, cv, q, n, b.logf)
	r.wall, r.workerCPU, r.devCPU = time.Since(t0), cpu(pid)-cpu0, cpu(dev)-dev0
	dev1 := cpu(dev)
	select {
	case <-ctx.Done():
		return idleResult{}, ctx.Err()
	case <-time.After(b.cfg.idleWait):
	}
	r.idleDevCPU = cpu(dev) - dev1
	r.peakKiB, r.idleKiB, r.devKiB = procKiB(pid, "VmHWM"), procKiB(pid, "VmRSS"), procKiB(dev, "VmRSS")
	return r, nil
}

// sendOne sends one message to each of n new conversations and returns how
// many were not answered.
func sendOne(ctx context.Context, cv *client.Conversations, q string, n int, logf func(string, ...any)) (failed int) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, idleInFlight)
	for i := range n {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			r, err := sendRetrying(ctx, cv, fmt.Sprintf("%s-%d", q, i))
			if err == nil && r.Reply != "Echo: hello" {
				err = fmt.Errorf("reply %q", r.Reply)
			}
			if err != nil {
				mu.Lock()
				if failed++; failed == 1 {
					logf("idle-conversations: conversation %d: %v", i, err)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return failed
}

// sendRetrying sends "hello" to conversation key, again with the same
// message ID (so never a second turn) when a send fails: a dev server just
// started can answer its first starts with "namespace not found".
func sendRetrying(ctx context.Context, cv *client.Conversations, key string) (r assistant.TurnReply, err error) {
	for range 3 {
		if r, err = cv.SendMessageWithID(ctx, key, key+"-hello", "hello"); err == nil || ctx.Err() != nil {
			return r, err
		}
		time.Sleep(time.Second)
	}
	return r, err
}

// procKiB reads a KiB field of /proc/<pid>/status (VmRSS, VmHWM).
func procKiB(pid int, field string) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(l, field+":"); ok {
			n, _ := strconv.Atoi(strings.Fields(rest)[0])
			return n
		}
	}
	return 0
}
