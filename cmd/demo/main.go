// Command demo is the quick start: it starts a Temporal dev server (UI on
// :8233), the openaitest emulator when no OPENAI_API_KEY is set, a worker
// process, and a starter run whose prompt makes two parallel tool calls; it
// prints the reply and the run's Temporal UI link, then keeps the dev server
// up for the UI until Ctrl-C (or exits at once with -exit).
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
	exit := flag.Bool("exit", false, "stop everything once the run has ended")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, *exit); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}
