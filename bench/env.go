package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	tclient "go.temporal.io/sdk/client"

	"github.com/durable-assistants/durable-assistants/internal/devserver"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// world is one bench run's shared infrastructure: a dev server and a
// Temporal client; emulators are started per scenario.
type world struct {
	srv      *devserver.Server
	addr     string
	tc       tclient.Client
	queueSeq atomic.Int64
	binDir   string
	log      func(format string, args ...any)
}

func newWorld(ctx context.Context, logf func(string, ...any)) (*world, error) {
	srv, err := devserver.Start(ctx, devserver.Options{})
	if err != nil {
		return nil, err
	}
	w := &world{srv: srv, addr: srv.FrontendHostPort(), log: logf}
	w.tc, err = tclient.Dial(tclient.Options{HostPort: w.addr, Logger: quietLogger()})
	if err != nil {
		_ = srv.Stop()
		return nil, err
	}
	return w, nil
}

func (w *world) close() {
	w.tc.Close()
	_ = w.srv.Stop()
	if w.binDir != "" {
		_ = os.RemoveAll(w.binDir)
	}
}

func (w *world) queue(name string) string {
	return fmt.Sprintf("bench-%s-%d-%d", name, os.Getpid(), w.queueSeq.Add(1))
}

// emulator is an openaitest server on a real listener, with a per-path log
// of request times (recovery measures the next request for a run).
type emulator struct {
	*openaitest.Server
	url   string
	hs    *http.Server
	mu    sync.Mutex
	seen  []hit
	watch string // record only paths containing this, "" for none
}

type hit struct {
	at   time.Time
	path string
}

func newEmulator(opts openaitest.Options) (*emulator, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	e := &emulator{Server: openaitest.New(opts), url: "http://" + l.Addr().String() + "/v1"}
	e.hs = &http.Server{Handler: http.HandlerFunc(e.serve)}
	go func() { _ = e.hs.Serve(l) }()
	return e, nil
}

func (e *emulator) serve(rw http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	if e.watch != "" && strings.Contains(r.URL.Path, e.watch) {
		e.seen = append(e.seen, hit{at: time.Now(), path: r.Method + " " + r.URL.Path})
	}
	e.mu.Unlock()
	e.Server.ServeHTTP(rw, r)
}

// watchFor starts recording requests whose path contains s.
func (e *emulator) watchFor(s string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.watch, e.seen = s, nil
}

// firstAfter returns the first watched request at or after t.
func (e *emulator) firstAfter(t time.Time) (hit, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, h := range e.seen {
		if !h.at.Before(t) {
			return h, true
		}
	}
	return hit{}, false
}

func (e *emulator) close() { _ = e.hs.Close() }

// requests is the total of Stats().Requests.
func (e *emulator) requests() map[string]int { return e.Stats().Requests }

// openaiClient is the client every Go peer uses: no SDK retries.
func openaiClient(url string) openai.Client {
	return openai.NewClient(option.WithBaseURL(url), option.WithAPIKey("bench"),
		option.WithMaxRetries(0), option.WithRequestTimeout(60*time.Second))
}

// emulatorWithAssistant starts an emulator and creates the assistant every
// scenario runs; close the emulator when done.
func emulatorWithAssistant(ctx context.Context, opts openaitest.Options) (*emulator, string, error) {
	emu, err := newEmulator(opts)
	if err != nil {
		return nil, "", err
	}
	asst, err := emu.createAssistant(ctx)
	if err != nil {
		emu.close()
		return nil, "", err
	}
	return emu, asst, nil
}

func (e *emulator) createAssistant(ctx context.Context) (string, error) {
	c := openaiClient(e.url)
	a, err := c.Beta.Assistants.New(ctx, openai.BetaAssistantNewParams{Model: "gpt-4o-mini", Name: openai.String("bench")})
	if err != nil {
		return "", fmt.Errorf("create assistant: %w", err)
	}
	return a.ID, nil
}

// buildBinary builds a main package of this module into a temp dir, once.
func (w *world) buildBinary(ctx context.Context, pkg string) (string, error) {
	if w.binDir == "" {
		d, err := os.MkdirTemp("", "da-bench-")
		if err != nil {
			return "", err
		}
		w.binDir = d
	}
	out := filepath.Join(w.binDir, filepath.Base(pkg))
	if _, err := os.Stat(out); err == nil {
		return out, nil
	}
	root, err := devserver.RepoRoot()
	if err != nil {
		return "", err
	}
	if err := runCmd(ctx, root, "go", "build", "-o", out, "./"+pkg); err != nil {
		return "", err
	}
	return out, nil
}
