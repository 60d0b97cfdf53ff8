// Command demo is the quick start: it starts a Temporal dev server (UI on
// :8233), the openaitest emulator when no OPENAI_API_KEY is set, a worker
// process, and a starter run whose prompt makes two parallel tool calls; it
// prints the reply and the run's Temporal UI link, then keeps the dev server
// up for the UI until Ctrl-C (or exits at once with -exit). Everything it
// starts stops with it, also when it is interrupted or killed; a dev server
// it found already running is used and left alone.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	var o options
	flag.BoolVar(&o.exit, "exit", false, "stop everything once the run has ended")
	flag.StringVar(&o.temporalAddr, "temporal-address", "127.0.0.1:7233", "dev server frontend (reused when one already listens there)")
	flag.StringVar(&o.uiPort, "ui-port", "8233", "dev server UI port")
	flag.StringVar(&o.dataDir, "data", "", "directory for the dev server's state and the logs (default .data in the repository)")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}
