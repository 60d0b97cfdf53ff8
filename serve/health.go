package serve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"go.temporal.io/sdk/client"
	"google.golang.org/grpc"
)

// The health endpoints (HEALTH_ADDRESS) tell an orchestrator how the worker
// is:
//
//   - /healthz: connected to Temporal (its health check answers) and
//     polling (a task poll is held by the server, or one ended without error
//     in the last pollWindow). A liveness probe: restart the worker when it
//     fails for minutes.
//   - /readyz: the worker has started and is not stopping. The readiness
//     signal `worker healthcheck` (the image's HEALTHCHECK) reads; it turns
//     to 503 as soon as SIGTERM arrives.
type health struct {
	tc    client.Client
	polls pollTracker
	ready atomic.Bool
}

// pollWindow is longer than a long poll (about a minute), so an idle but
// healthy worker always has a poll that ended within it or one in flight.
const pollWindow = 90 * time.Second

// pollTracker watches the SDK's task polls through a gRPC interceptor.
type pollTracker struct {
	mu       sync.Mutex
	inFlight int
	lastOK   time.Time
	lastErr  error // of the latest poll to end; nil once one ends well
}

// intercept is a gRPC client interceptor recording every task poll.
func (p *pollTracker) intercept(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn,
	invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
	if !strings.HasSuffix(method, "/PollWorkflowTaskQueue") && !strings.HasSuffix(method, "/PollActivityTaskQueue") {
		return invoker(ctx, method, req, reply, cc, opts...)
	}
	p.mu.Lock()
	p.inFlight++
	p.mu.Unlock()
	err := invoker(ctx, method, req, reply, cc, opts...)
	p.mu.Lock()
	defer p.mu.Unlock()
	p.inFlight--
	p.lastErr = err
	if err == nil {
		p.lastOK = time.Now()
	}
	return err
}

// polling is nil when the worker polls, else why not.
func (p *pollTracker) polling(now time.Time) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case p.lastErr != nil:
		return fmt.Errorf("the last task poll failed: %v", p.lastErr)
	case p.inFlight > 0 || now.Sub(p.lastOK) < pollWindow:
		return nil
	default:
		return errors.New("no task poll in flight or ended in the last " + pollWindow.String())
	}
}

// clientOptions makes the client's polls visible to the tracker.
func (h *health) clientOptions(opts *client.Options) {
	opts.ConnectionOptions.DialOptions = append(opts.ConnectionOptions.DialOptions,
		grpc.WithChainUnaryInterceptor(h.polls.intercept))
}

func (h *health) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	var problems []string
	if _, err := h.tc.CheckHealth(ctx, &client.CheckHealthRequest{}); err != nil {
		problems = append(problems, "temporal: "+err.Error())
	}
	if err := h.polls.polling(time.Now()); err != nil {
		problems = append(problems, "polling: "+err.Error())
	}
	answer(w, problems)
}

func (h *health) readyz(w http.ResponseWriter, _ *http.Request) {
	if !h.ready.Load() {
		answer(w, []string{"not started, or stopping"})
		return
	}
	answer(w, nil)
}

// answer writes 200 {"status":"ok"} or 503 with the problems.
func answer(w http.ResponseWriter, problems []string) {
	w.Header().Set("Content-Type", "application/json")
	if len(problems) > 0 {
		w.WriteHeader(http.StatusServiceUnavailable)
		_ = json.NewEncoder(w).Encode(map[string]any{"status": "unavailable", "problems": problems})
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]string{"status": "ok"})
}

// start serves the endpoints on addr until ctx is done.
func (h *health) start(ctx context.Context, addr string, logger *slog.Logger) error {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("HEALTH_ADDRESS=%s: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", h.healthz)
	mux.HandleFunc("GET /readyz", h.readyz)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(l) }()
	go func() { <-ctx.Done(); _ = srv.Close() }()
	logger.Info("Serving health", "Address", "http://"+l.Addr().String()+"/healthz")
	return nil
}

// Healthcheck asks the worker's /readyz on HEALTH_ADDRESS (the port, on
// this host) and returns nil when it is ready: `worker healthcheck`, for
// images without curl.
func Healthcheck() error {
	addr := os.Getenv("HEALTH_ADDRESS")
	if addr == "" {
		return errors.New("HEALTH_ADDRESS is not set")
	}
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("HEALTH_ADDRESS=%q: %w", addr, err)
	}
	hc := http.Client{Timeout: 3 * time.Second}
	resp, err := hc.Get("http://" + net.JoinHostPort("127.0.0.1", port) + "/readyz")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("/readyz: %s", resp.Status)
	}
	return nil
}
