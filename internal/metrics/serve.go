package metrics

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"
)

// Serve serves the registry at /metrics on addr until ctx is done. An
// address without a host (":9090") binds the loopback interface only:
// listening on every interface takes saying so ("0.0.0.0:9090"). It returns
// once listening, with the address bound (for ":0").
func Serve(ctx context.Context, addr string, r *Registry) (net.Addr, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("METRICS_ADDRESS=%s: %w", addr, err)
	}
	if host == "" {
		host = "127.0.0.1"
	}
	l, err := net.Listen("tcp", net.JoinHostPort(host, port))
	if err != nil {
		return nil, fmt.Errorf("METRICS_ADDRESS=%s: %w", addr, err)
	}
	srv := newServer(r)
	go func() { _ = srv.Serve(l) }() // ends with ErrServerClosed on Shutdown
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	return l.Addr(), nil
}

// newServer bounds what a client can hold: a scraper that stalls in its
// request, its read of the answer or between requests is cut off.
func newServer(r *Registry) *http.Server {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", r)
	return &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    8 << 10,
	}
}
