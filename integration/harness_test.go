// Package integration runs the real binaries (worker, starter) against a real
// Temporal server (the dev server, or with TEMPORAL_SERVER=cluster a
// PostgreSQL-backed cluster) and the openaitest emulator. Nothing here is skipped:
// these tests are the proof that the pieces work together.
package integration

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	tclient "go.temporal.io/sdk/client"

	"github.com/durable-assistants/durable-assistants/client"
	"github.com/durable-assistants/durable-assistants/internal/devserver"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// Shared by every test of the package: one dev server, built binaries.
var (
	temporalAddr string
	binDir       string
	queueSeq     atomic.Int64
)

func TestMain(m *testing.M) {
	os.Exit(runMain(m))
}

func runMain(m *testing.M) int {
	flag.Parse()
	if testing.Short() { // the contributors' fast loop: no dev server, no processes
		fmt.Println("integration: skipped under -short (real worker processes and dev servers)")
		return 0
	}
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "da-integration-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	binDir = dir
	if err := buildBinaries(ctx, dir, "worker", "starter", "integration/testworker",
		"tools/mcptools/mcptest/cmd/mcptestserver"); err != nil {
		fmt.Fprintln(os.Stderr, "build:", err)
		return 1
	}
	addr, stop, err := startSuiteServer(ctx) // TEMPORAL_SERVER: dev or cluster
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer stop()
	temporalAddr = addr
	return m.Run()
}

func buildBinaries(ctx context.Context, dir string, names ...string) error {
	root, err := devserver.RepoRoot()
	if err != nil {
		return err
	}
	for _, n := range names {
		cmd := exec.CommandContext(ctx, "go", "build", "-o", filepath.Join(dir, filepath.Base(n)), "./"+n)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go build ./%s: %v\n%s", n, err, out)
		}
	}
	return nil
}

// env is one test's world: an emulator, a task queue, a worker process on it.
type env struct {
	t         *testing.T
	emu       *openaitest.Server
	emuURL    string
	taskQueue string
	tc        tclient.Client
	client    *client.Client
	proto     protocol // the protocol of startTestWorker (default: assistants)
}

func newEnv(t *testing.T, opts openaitest.Options) *env {
	t.Helper()
	emu, url := openaitest.NewTestServer(t, opts)
	e := &env{t: t, emu: emu, emuURL: url, taskQueue: fmt.Sprintf("it-%d", queueSeq.Add(1)), proto: protocols[0]}
	tc, err := tclient.Dial(tclient.Options{HostPort: temporalAddr})
	require.NoError(t, err)
	t.Cleanup(tc.Close)
	e.tc = tc
	e.client = client.New(tc, client.Options{TaskQueue: e.taskQueue, UIURL: "http://localhost:8233"})
	return e
}

// workerEnv is the environment of a worker process for this test.
func (e *env) workerEnv(extra ...string) []string {
	base := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + os.Getenv("HOME"),
		"TEMPORAL_ADDRESS=" + temporalAddr,
		"TEMPORAL_TASK_QUEUE=" + e.taskQueue,
		"OPENAI_BASE_URL=" + e.emuURL,
		"OPENAI_API_KEY=test-key",
		"POLL_INITIAL=20ms",
		"POLL_MAX=200ms",
		"LOG_LEVEL=warn",
	}
	return append(base, extra...)
}

// proc is a binary started by a test.
type proc struct {
	cmd    *exec.Cmd
	out    *syncWriter
	exited chan struct{}
}

// startWorker starts a worker process; it is stopped with SIGTERM at cleanup.
func (e *env) startWorker(extra ...string) *proc {
	e.t.Helper()
	p := startProc(e.t, filepath.Join(binDir, "worker"), e.workerEnv(extra...))
	e.t.Cleanup(func() { p.stop(syscall.SIGTERM) })
	return p
}

func startProc(t *testing.T, path string, environ []string, args ...string) *proc {
	t.Helper()
	p := &proc{cmd: exec.Command(path, args...), out: &syncWriter{b: &strings.Builder{}}, exited: make(chan struct{})}
	p.cmd.Env = environ
	p.cmd.Stdout, p.cmd.Stderr = p.out, p.out
	require.NoError(t, p.cmd.Start())
	go func() { _ = p.cmd.Wait(); close(p.exited) }()
	return p
}

// stop sends sig and waits for the process to exit.
func (p *proc) stop(sig syscall.Signal) {
	select {
	case <-p.exited:
		return
	default:
	}
	_ = p.cmd.Process.Signal(sig)
	select {
	case <-p.exited:
	case <-time.After(15 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.exited
	}
}

func (e *env) ctx(d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	e.t.Cleanup(cancel)
	return ctx
}
