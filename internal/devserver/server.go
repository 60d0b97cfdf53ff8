package devserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os/exec"
	"slices"
	"strconv"
	"syscall"
	"time"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/log"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// Options start a dev server.
type Options struct {
	// HostPort of the frontend, "" for a free port on 127.0.0.1.
	HostPort string
	// UIPort, "" for no UI.
	UIPort string
	// DBFile keeps state across restarts; "" keeps it in memory.
	DBFile string
	// RollbackJournal keeps the CLI's SQLite default for DBFile (a rollback
	// journal, several syncs per commit) instead of the write-ahead log;
	// the bench compares the two.
	RollbackJournal bool
	// ExtraArgs go to `temporal server start-dev` (e.g. dynamic config).
	ExtraArgs []string
	// Output receives the server's log (default: discarded).
	Output io.Writer
}

// Server is a running `temporal server start-dev` process, started by
// StartChild: it dies with the process that started it.
type Server struct {
	*Child
	hostPort string
}

// FrontendHostPort is the address of the server's frontend.
func (s *Server) FrontendHostPort() string { return s.hostPort }

// Pid is the server's process ID (also its process group ID).
func (s *Server) Pid() int { return s.Cmd.Process.Pid }

// Stop interrupts the server, as Ctrl-C would, and waits until it has ended
// (killing its process group after 10 s).
func (s *Server) Stop() error {
	s.Child.Stop(syscall.SIGINT, 10*time.Second)
	return nil
}

// startAttempts is how often Start tries on fresh free ports: a port found
// free can be taken by another process before the server binds it.
const startAttempts = 3

// Start builds the CLI if needed and starts a dev server. Stop it with Stop.
// On failure the error ends with the server's last output.
func Start(ctx context.Context, o Options) (*Server, error) {
	path, err := EnsureCLI(ctx)
	if err != nil {
		return nil, err
	}
	auto := o.HostPort == ""
	for attempt := 1; ; attempt++ {
		srv, tail, err := start(ctx, path, o, auto)
		if err == nil {
			return srv, nil
		}
		if !auto || attempt == startAttempts || ctx.Err() != nil {
			return nil, fmt.Errorf("start Temporal dev server: %w\nits last output:\n%s", err, tail)
		}
	}
}

func start(ctx context.Context, path string, o Options, auto bool) (*Server, string, error) {
	args := o.ExtraArgs
	if auto {
		var err error
		if o.HostPort, err = FreeHostPort(); err != nil {
			return nil, "", err
		}
		// The HTTP API would default to the frontend port + 1000: pick a
		// free one too, so two test servers never collide there.
		httpPort, err := FreeHostPort()
		if err != nil {
			return nil, "", err
		}
		_, port, _ := net.SplitHostPort(httpPort)
		args = append(slices.Clone(args), "--http-port", port)
	}
	cmdArgs, err := startDevArgs(o, args)
	if err != nil {
		return nil, "", err
	}
	tail := &tailBuffer{max: 4 << 10}
	out := io.Writer(tail)
	if o.Output != nil {
		out = io.MultiWriter(o.Output, tail)
	}
	cmd := exec.Command(path, cmdArgs...)
	cmd.Stdout, cmd.Stderr = out, out
	child, err := StartChild(cmd)
	if err != nil {
		return nil, "", err
	}
	srv := &Server{Child: child, hostPort: o.HostPort}
	if err := srv.waitReady(ctx); err != nil {
		child.Stop(syscall.SIGKILL, 0)
		return nil, tail.String(), err
	}
	return srv, tail.String(), nil
}

// startDevArgs are the CLI arguments for o, with every search attribute the
// workflows upsert registered (an unknown one fails their workflow tasks).
func startDevArgs(o Options, extra []string) ([]string, error) {
	host, port, err := net.SplitHostPort(o.HostPort)
	if err != nil {
		return nil, fmt.Errorf("dev server address %q: %w", o.HostPort, err)
	}
	args := []string{"server", "start-dev", "--ip", host, "--port", port, "--namespace", "default",
		"--log-level", "warn", "--dynamic-config-value", "frontend.enableServerVersionCheck=false"}
	args = append(args, dynamicConfig...)
	if o.UIPort == "" {
		args = append(args, "--headless")
	} else {
		args = append(args, "--ui-port", o.UIPort)
	}
	if o.DBFile != "" {
		args = append(args, "--db-filename", o.DBFile)
		if !o.RollbackJournal {
			args = append(args, walPragmas...)
		}
	}
	for sa := range assistant.AllSearchAttributes().GetUntypedValues() {
		args = append(args, "--search-attribute", sa.GetName()+"="+sa.GetValueType().String())
	}
	return append(args, extra...), nil
}

// dynamicConfig is what every dev server of the project runs with on top of
// the CLI's defaults. Eager activities: an activity a workflow task schedules
// on its own task queue comes back to the worker in the answer to that task,
// instead of through a poll one persistence round later (issue 18; the SDK
// asks for it unless worker.Options.DisableEagerActivities).
var dynamicConfig = []string{"--dynamic-config-value", "system.enableActivityEagerExecution=true"}

// walPragmas put an on-disk database in write-ahead-log mode: a commit is
// one append and one sync of the log instead of the rollback journal's
// several, and it stays as durable (synchronous=FULL syncs the log at every
// commit: a committed event survives a power loss). Every event of a run is
// such a commit, on its critical path (issue 18).
var walPragmas = []string{"--sqlite-pragma", "journal_mode=wal", "--sqlite-pragma", "synchronous=full"}

// readyTimeout is how long a started server may take to answer. It starts in
// about a second on an idle machine, but a loaded 2-core CI machine (a parallel
// go test compiling other packages) has been seen to take over a minute.
const readyTimeout = 3 * time.Minute

// waitReady dials the frontend until it answers, for at most readyTimeout; a
// server that exits meanwhile (port taken, bad flag) fails at once.
func (s *Server) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	for {
		c, err := client.DialContext(ctx, client.Options{HostPort: s.hostPort, Namespace: "default", Logger: quiet})
		if err == nil {
			c.Close()
			return nil
		}
		select {
		case <-s.Exited():
			return errors.New("the server exited: " + s.Cmd.ProcessState.String())
		case <-ctx.Done():
			return fmt.Errorf("not ready: %w", err)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// quiet drops the client's log lines while waitReady dials.
var quiet = log.NewStructuredLogger(slog.New(slog.DiscardHandler))

// FreeHostPort returns a 127.0.0.1 address with a port free right now.
func FreeHostPort() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return "127.0.0.1:" + strconv.Itoa(l.Addr().(*net.TCPAddr).Port), nil
}
