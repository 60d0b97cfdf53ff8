package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	tclient "go.temporal.io/sdk/client"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/internal/cluster"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// cluster runs the largest concurrency size on the dev server and on the
// PostgreSQL-backed cluster (internal/cluster: 4 history shards, the four
// services in one process), side by side, with the same worker.
func (b *bench) cluster(ctx context.Context) (string, error) {
	n := b.cfg.concurrency[len(b.cfg.concurrency)-1]
	emu, asst, err := emulatorWithAssistant(ctx, openaitest.Options{})
	if err != nil {
		return "", err
	}
	defer emu.close()
	c, err := cluster.Start(ctx, cluster.Options{})
	if err != nil {
		return "", err
	}
	defer c.Stop()
	tc, err := tclient.Dial(tclient.Options{HostPort: c.FrontendHostPort(), Logger: quietLogger()})
	if err != nil {
		return "", err
	}
	defer tc.Close()
	cb := &bench{cfg: b.cfg, logf: b.logf, w: &world{addr: c.FrontendHostPort(), tc: tc, binDir: b.w.binDir, log: b.w.log}}
	s := shape{modelLatency: time.Second, toolLatency: 200 * time.Millisecond, tools: 3}

	var out strings.Builder
	fmt.Fprintf(&out, "%d runs started at once (as in §5: one round of %d tool calls of %s, model latency %s) on ONE worker process, against each server. Server CPU: the dev server process; on the cluster the server process plus PostgreSQL (postmaster, its connections, and the ones it reaped). Everything shares the machine's %d CPUs.\n\n",
		n, s.tools, s.toolLatency, s.modelLatency, runtime.NumCPU())
	out.WriteString("| server | throughput | p50 run | p99 run | worker CPU per run | worker CPU util | server CPU util | PostgreSQL CPU util | worker peak RSS (idle) | per run | failed |\n|---|---|---|---|---|---|---|---|---|---|---|\n")
	b.logf("cluster: N=%d on the dev server", n)
	dev, err := b.concurrent(ctx, emu, asst, s, n, assistant.ModePoll, nil)
	if err != nil {
		return "", err
	}
	writeRow(&out, "dev server (SQLite, 1 shard)", dev, dev.devCPU, 0)
	b.logf("cluster: N=%d on the cluster", n)
	srv0, pg0 := cpu(c.ServerPID()), treeCPU(c.PostgresPID())
	clu, err := cb.concurrent(ctx, emu, asst, s, n, assistant.ModePoll, nil)
	if err != nil {
		return "", err
	}
	writeRow(&out, "cluster (PostgreSQL 4 shards)", clu, cpu(c.ServerPID())-srv0, treeCPU(c.PostgresPID())-pg0)
	return out.String(), nil
}

func writeRow(out *strings.Builder, name string, r concResult, serverCPU, pgCPU time.Duration) {
	util := func(d time.Duration) string { return fmt.Sprintf("%.0f%%", 100*d.Seconds()/r.wall.Seconds()) }
	pg := "-"
	if pgCPU > 0 {
		pg = util(pgCPU)
	}
	fmt.Fprintf(out, "| %s | %.1f runs/s | %s | %s | %s | %s | %s | %s | %.0f MiB (%.0f MiB) | %.0f KiB | %d |\n",
		name, float64(r.n)/r.wall.Seconds(), secs(r.p50), secs(r.p99), ms1(r.workerCPU/time.Duration(r.n)),
		util(r.workerCPU), util(serverCPU), pg, float64(r.rssKiB)/1024, float64(r.idleKiB)/1024,
		float64(r.rssKiB-r.idleKiB)/float64(r.n), r.failed)
}

// treeCPU is the CPU of pid, of its live children, and of the children it
// has reaped (cutime+cstime): PostgreSQL's backends.
func treeCPU(pid int) time.Duration {
	total := cpu(pid) + reapedCPU(pid)
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		child, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if f := statFields(child); len(f) > 1 && f[1] == strconv.Itoa(pid) {
			total += cpu(child)
		}
	}
	return total
}

func reapedCPU(pid int) time.Duration {
	f := statFields(pid)
	if len(f) < 15 {
		return 0
	}
	cu, _ := strconv.ParseInt(f[13], 10, 64)
	cs, _ := strconv.ParseInt(f[14], 10, 64)
	return time.Duration(cu+cs) * time.Second / 100
}

// statFields are the fields of /proc/pid/stat after the command name
// (state, ppid, …).
func statFields(pid int) []string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return nil
	}
	s := string(b)
	return strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
}
