// Command worker is the bench's worker process: the stock wiring
// (serve.Register) plus the bench tool, with the tuning knobs as flags. The
// bench runs it as its own process to read its CPU time and peak RSS, and to
// SIGKILL it in the recovery scenario.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	tclient "go.temporal.io/sdk/client"

	"github.com/durable-assistants/durable-assistants/bench/kit"
)

func main() {
	addr := flag.String("temporal", "localhost:7233", "Temporal frontend")
	queue := flag.String("queue", "bench", "task queue")
	model := flag.String("model", "", "model API base URL")
	var t kit.Tuning
	flag.IntVar(&t.WorkflowPollers, "wf-pollers", 0, "MaxConcurrentWorkflowTaskPollers (0 = SDK default)")
	flag.IntVar(&t.ActivityPollers, "act-pollers", 0, "MaxConcurrentActivityTaskPollers (0 = serve.Run's default)")
	flag.IntVar(&t.ActivitySlots, "act-slots", 0, "MaxConcurrentActivityExecutionSize (0 = 500)")
	flag.IntVar(&t.StickyCache, "sticky-cache", 0, "sticky workflow cache size (0 = serve.Run's default, WORKER_STICKY_CACHE)")
	flag.DurationVar(&t.PollInitial, "poll-initial", 0, "activities.Options.PollInitial")
	flag.DurationVar(&t.PollMax, "poll-max", 0, "activities.Options.PollMax")
	flag.BoolVar(&t.NoEager, "no-eager", false, "worker.Options.DisableEagerActivities")
	flag.BoolVar(&t.LocalTools, "local-tools", false, "register the bench tool with tools.WithLocal")
	flag.Parse()
	tc, err := tclient.Dial(tclient.Options{HostPort: *addr})
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench worker:", err)
		os.Exit(1)
	}
	defer tc.Close()
	w := kit.NewWorker(tc, *queue, *model, t)
	if err := w.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "bench worker:", err)
		os.Exit(1)
	}
	fmt.Println("ready")
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	<-sig
	w.Stop()
}
