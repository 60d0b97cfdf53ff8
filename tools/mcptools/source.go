// Package mcptools offers the tools of Model Context Protocol servers to the model, as durable
// as Go tools: each MCP tool is registered in a tools.Registry, so its calls run as CallTool
// activities with the same timeouts, retries, approval, task-queue routing, error outputs,
// size caps and metrics.
//
// A Source keeps one connection to one server: it reads the tool list at start, registers
// it, and replaces it when the server says it changed. A stdio server is a program the
// Source starts, and starts again when it dies.
package mcptools

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"sync"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/durable-assistants/durable-assistants/tools"
)

// Source is one connected MCP server whose tools are in a registry.
type Source struct {
	srv    Server
	reg    *tools.Registry
	log    *slog.Logger
	client *mcp.Client

	mu      sync.Mutex
	session *mcp.ClientSession // nil while (re)connecting
	names   []string           // the registered (prefixed) tool names
	closed  bool
	stop    context.CancelFunc
	done    chan struct{}
}

// startTimeout bounds the first connection and tool list at worker start.
const startTimeout = 30 * time.Second

// Connect starts (or dials) the server, registers its tools in reg, and keeps the
// connection up until Close. It fails, naming the server, when the first connection or
// tool list fails or a tool name clashes with a registered tool.
func Connect(ctx context.Context, reg *tools.Registry, srv Server, log *slog.Logger) (*Source, error) {
	if err := srv.Validate(); err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.Default()
	}
	s := &Source{srv: srv, reg: reg, log: log.With("mcp_server", srv.Name), done: make(chan struct{})}
	s.client = mcp.NewClient(&mcp.Implementation{Name: "durable-assistants", Version: "1"},
		&mcp.ClientOptions{ToolListChangedHandler: s.toolListChanged})
	sctx, cancel := context.WithTimeout(ctx, startTimeout)
	defer cancel()
	sess, err := s.connect(sctx)
	if err == nil {
		err = s.refresh(sctx, sess)
	}
	if err != nil {
		if sess != nil {
			_ = sess.Close()
		}
		return nil, fmt.Errorf("MCP server %q: %w", srv.Name, err)
	}
	s.session = sess
	life, stop := context.WithCancel(context.WithoutCancel(ctx))
	s.stop = stop
	go s.supervise(life, sess)
	return s, nil
}

// Tools returns the registered names of the server's tools.
func (s *Source) Tools() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.names...)
}

// Close ends the connection (a stdio server is stopped) and removes the tools from the
// registry: a run that calls one later gets the unknown-tool output, not a stuck call.
func (s *Source) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	sess, names := s.session, s.names
	s.session, s.names = nil, nil
	s.mu.Unlock()
	s.stop()
	var err error
	if sess != nil {
		err = sess.Close()
	}
	<-s.done
	return errors.Join(err, s.reg.Swap(names))
}

// connect starts a stdio server or dials an HTTP one.
func (s *Source) connect(ctx context.Context) (*mcp.ClientSession, error) {
	var t mcp.Transport
	if len(s.srv.Command) > 0 {
		cmd := exec.Command(s.srv.Command[0], s.srv.Command[1:]...)
		cmd.Env = append(os.Environ(), s.srv.Env...)
		cmd.Stderr = os.Stderr // the server's own log joins the worker's
		t = &mcp.CommandTransport{Command: cmd, TerminateDuration: 2 * time.Second}
	} else {
		headers, err := s.srv.headers()
		if err != nil {
			return nil, err
		}
		t = &mcp.StreamableClientTransport{Endpoint: s.srv.URL,
			HTTPClient: &http.Client{Transport: headerTransport{headers, http.DefaultTransport}}}
	}
	return s.client.Connect(ctx, t, nil)
}

// current is the live session, nil while reconnecting.
func (s *Source) current() *mcp.ClientSession {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.session
}

// supervise waits for the session to end and connects again, with backoff, until Close:
// a stdio server that crashed is started again, and the tool list read anew.
func (s *Source) supervise(ctx context.Context, sess *mcp.ClientSession) {
	defer close(s.done)
	backoff := time.Second
	for {
		_ = sess.Wait()
		s.mu.Lock()
		if s.session == sess {
			s.session = nil
		}
		s.mu.Unlock()
		if ctx.Err() != nil {
			return
		}
		s.log.Warn("MCP server connection ended; reconnecting")
		for {
			next, err := s.connect(ctx)
			if err == nil {
				if err = s.refresh(ctx, next); err != nil {
					_ = next.Close()
				}
			}
			if err == nil {
				sess, backoff = next, time.Second
				break
			}
			s.log.Warn("MCP server reconnect failed", "error", err, "retry_in", backoff)
			select {
			case <-ctx.Done():
				return
			case <-time.After(backoff):
			}
			backoff = min(2*backoff, 30*time.Second)
		}
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			_ = sess.Close()
			return
		}
		s.session = sess
		s.mu.Unlock()
	}
}

// headerTransport adds the configured headers to every request to an HTTP server.
type headerTransport struct {
	headers map[string]string
	next    http.RoundTripper
}

func (h headerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	for k, v := range h.headers {
		r.Header.Set(k, v)
	}
	return h.next.RoundTrip(r)
}
