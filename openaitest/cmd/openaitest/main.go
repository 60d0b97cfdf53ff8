// Command openaitest serves the Assistants v2 emulator over HTTP for demos
// and for tests that run outside the Go process.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/durable-assistants/durable-assistants/openaitest"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8089", "listen address")
	latency := flag.Duration("latency", 20*time.Millisecond, "model latency per run turn")
	pollAfter := flag.Int("poll-after-ms", 0, "send openai-poll-after-ms on run responses when > 0")
	apiKey := flag.String("api-key", "", "require this Bearer API key when set")
	ttl := flag.Duration("requires-action-ttl", 10*time.Minute, "time from run creation to expires_at")
	flag.Parse()

	srv := openaitest.New(openaitest.Options{ModelLatency: *latency, PollAfterMs: *pollAfter,
		APIKey: *apiKey, RequiresActionTTL: *ttl})
	if err := serve(*addr, srv); err != nil {
		log.Fatalf("openaitest: %v", err)
	}
}

// serve listens on addr and serves h until SIGINT or SIGTERM.
func serve(addr string, h http.Handler) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	fmt.Printf("openaitest listening on http://%s/v1\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
