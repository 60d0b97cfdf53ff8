package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/internal/devserver"
)

// The demo binary runs as a newcomer runs it; these tests check that what it
// printed is the product's output and that nothing it started outlives it,
// however it ends: -exit, Ctrl-C, or killed.

func TestDemoExitLeavesNothingRunning(t *testing.T) {
	d := startDemo(t, "-exit")
	require.NoError(t, d.wait(), "stderr:\n%s", d.stderr.String())
	d.requireNothingLeft(t, true)
	d.requireAnswer(t)
	// The server's log holds its last line: the log stayed open while it ran
	// (closed early, the server died of SIGPIPE at its next log line).
	log, err := os.ReadFile(filepath.Join(d.data, "temporal.log"))
	require.NoError(t, err)
	require.Contains(t, string(log), "Stopping server")
}

func TestDemoInterruptedStopsWhatItStarted(t *testing.T) {
	d := startDemo(t)
	d.waitForOutput(t, "See it in the Temporal UI")
	require.NoError(t, d.cmd.Process.Signal(syscall.SIGINT))
	require.NoError(t, d.wait(), "stderr:\n%s", d.stderr.String())
	d.requireNothingLeft(t, true)
}

func TestDemoKilledTakesItsChildrenAlong(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the parent-death signal is Linux only")
	}
	d := startDemo(t)
	d.waitForOutput(t, "See it in the Temporal UI")
	require.NoError(t, d.cmd.Process.Kill())
	_ = d.wait()
	d.requireNothingLeft(t, true)
}

func TestDemoReusesAndKeepsAServerItDidNotStart(t *testing.T) {
	srv, err := devserver.Start(t.Context(), devserver.Options{})
	require.NoError(t, err)
	defer srv.Stop()
	d := startDemo(t, "-exit", "-temporal-address", srv.FrontendHostPort())
	require.NoError(t, d.wait(), "stderr:\n%s", d.stderr.String())
	d.requireAnswer(t)
	d.requireNothingLeft(t, false)
	require.Contains(t, d.stderr.String(), "already on "+srv.FrontendHostPort())
	conn, err := net.DialTimeout("tcp", srv.FrontendHostPort(), time.Second)
	require.NoError(t, err, "the server the demo did not start must still run")
	conn.Close()
}

type demo struct {
	cmd            *exec.Cmd
	temporal, ui   string // addresses the demo was told to use
	data           string // its -data directory
	stdout, stderr *syncBuffer
	watch          *procWatch
	done           chan error
}

// TestMain builds the Temporal CLI before any test's clock starts: on a new
// machine the demo would build it inside a test's 3-minute deadline (the
// three demo tests failed so on a fresh CI machine under load).
func TestMain(m *testing.M) {
	flag.Parse()
	if !testing.Short() {
		if _, err := devserver.EnsureCLI(context.Background()); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	var err error
	if binDir, err = os.MkdirTemp("", "demo-test"); err != nil {
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(binDir)
	os.Exit(code)
}

var (
	binDir    string
	buildOnce sync.Once
	demoBin   string
	buildErr  error
)

// startDemo builds the demo once and starts it on free ports with its data
// in a temporary directory, watching every process it starts.
func startDemo(t *testing.T, args ...string) *demo {
	t.Helper()
	if testing.Short() {
		t.Skip("integration: builds and runs the demo with a dev server (-short skips it)")
	}
	root, err := devserver.RepoRoot()
	require.NoError(t, err)
	buildOnce.Do(func() {
		demoBin = filepath.Join(binDir, "demo")
		build := exec.Command("go", "build", "-o", demoBin, "./cmd/demo")
		build.Dir = root
		if out, err := build.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build ./cmd/demo: %w\n%s", err, out)
		}
	})
	require.NoError(t, buildErr)
	temporal, err := devserver.FreeHostPort()
	require.NoError(t, err)
	ui, err := devserver.FreeHostPort()
	require.NoError(t, err)
	_, uiPort, _ := net.SplitHostPort(ui)
	data := t.TempDir()
	args = append([]string{"-temporal-address", temporal, "-ui-port", uiPort, "-data", data}, args...)
	d := &demo{temporal: temporal, ui: ui, data: data, stdout: &syncBuffer{}, stderr: &syncBuffer{}, done: make(chan error, 1)}
	for i, a := range args { // a later -temporal-address wins: record that one
		if a == "-temporal-address" {
			d.temporal = args[i+1]
		}
	}
	d.cmd = exec.Command(demoBin, args...)
	d.cmd.Dir, d.cmd.Stdout, d.cmd.Stderr = root, d.stdout, d.stderr
	d.cmd.Env = append(os.Environ(), "OPENAI_API_KEY=", "AZURE_OPENAI_ENDPOINT=", "AZURE_AI_PROJECT_ENDPOINT=")
	require.NoError(t, d.cmd.Start())
	d.watch = watchDescendants(d.cmd.Process.Pid)
	go func() { d.done <- d.cmd.Wait() }()
	t.Cleanup(func() {
		if d.cmd.ProcessState == nil {
			_ = d.cmd.Process.Kill()
			<-d.done
		}
		d.watch.stop()
		if t.Failed() {
			log, _ := os.ReadFile(filepath.Join(data, "worker.log"))
			tlog, _ := os.ReadFile(filepath.Join(data, "temporal.log"))
			t.Logf("demo stdout:\n%s\ndemo stderr:\n%s\nworker log:\n%s\nTemporal log:\n%s", d.stdout, d.stderr, log, tlog)
		}
	})
	return d
}

// wait waits for the demo to end, at most 3 minutes.
func (d *demo) wait() error {
	select {
	case err := <-d.done:
		d.done <- err
		return err
	case <-time.After(3 * time.Minute):
		_ = d.cmd.Process.Kill()
		return context.DeadlineExceeded
	}
}

func (d *demo) waitForOutput(t *testing.T, s string) {
	t.Helper()
	ended := func() bool {
		select {
		case err := <-d.done:
			d.done <- err
			return true
		default:
			return false
		}
	}
	require.Eventually(t, func() bool { return strings.Contains(d.stdout.String(), s) || ended() },
		3*time.Minute, 100*time.Millisecond, "demo stdout never showed %q", s)
	require.Contains(t, d.stdout.String(), s, "the demo ended before showing it")
}

// requireAnswer checks stdout: the emulator's reply naming both tool results,
// the tool calls, the IDs and the run's UI link, and no worker log lines.
func (d *demo) requireAnswer(t *testing.T) {
	t.Helper()
	out := d.stdout.String()
	_, uiPort, _ := net.SplitHostPort(d.ui)
	for _, want := range []string{"Answer\n", `calculate -> {"result":391}`, "Tool calls", `current_time({"timezone":"Asia/Tokyo"})`,
		"status    completed", "thread    thread_", "workflow  run-",
		"http://localhost:" + uiPort + "/namespaces/default/workflows/run-"} {
		require.Contains(t, out, want)
	}
	require.NotContains(t, out, "level=", "the worker's log goes to its file, not stdout")
	require.NotContains(t, d.stderr.String(), "level=INFO", "nor stderr")
	require.Contains(t, d.stderr.String(), "worker.log")
}

// requireNothingLeft checks that every process the demo started has ended
// and that the ports it used are closed (ownServer: it started the server).
func (d *demo) requireNothingLeft(t *testing.T, ownServer bool) {
	t.Helper()
	seen := d.watch.stop()
	var names []string
	for _, p := range seen {
		names = append(names, p.comm)
	}
	require.Contains(t, names, "worker", "the watch saw the demo's worker")
	if ownServer {
		require.Contains(t, names, "temporal", "the watch saw the demo's dev server")
	}
	require.Eventually(t, func() bool { // a killed parent's children get the signal at once; init reaps them
		for _, p := range seen {
			if p.alive() {
				return false
			}
		}
		return true
	}, 5*time.Second, 50*time.Millisecond, "processes the demo started still run: %v", alive(seen))
	if ownServer { // a dying process's threads may still hold its sockets for a moment
		for _, addr := range []string{d.temporal, d.ui} {
			require.Eventually(t, func() bool {
				c, err := net.DialTimeout("tcp", addr, time.Second)
				if err == nil {
					c.Close()
				}
				return err != nil
			}, 5*time.Second, 50*time.Millisecond, "%s still accepts connections after the demo ended", addr)
		}
	}
}

// syncBuffer is a bytes.Buffer safe for a child's writes and a test's reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
