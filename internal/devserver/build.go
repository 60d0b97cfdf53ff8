package devserver

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"time"
)

// Build progress of the Temporal CLI, which takes minutes the first time.
const (
	// cliPackages is how many packages `go install -v` of CLIVersion names
	// with an empty build cache (measured): the progress line's 100 %.
	cliPackages = 1297
	// cliBuildUsually is what that build took, measured with an empty
	// GOCACHE and the modules already downloaded.
	cliBuildUsually = "several minutes on an idle 2-core machine (37 min measured on 2 cores under load 30)"
	progressEvery   = 15 * time.Second
)

// buildCLI runs `go install -v` of the pinned CLI into bin, printing what is
// built and, every progressEvery, the time spent and packages compiled so far.
func buildCLI(ctx context.Context, bin string) error {
	say := func(format string, args ...any) { fmt.Fprintf(os.Stderr, "devserver: "+format+"\n", args...) }
	say("building the Temporal CLI %s (%s: the dev server, about %d packages) into %s; done once, takes %s",
		CLIVersion, cliPackage, cliPackages, bin, cliBuildUsually)
	cmd := exec.CommandContext(ctx, "go", "install", "-v", cliPackage+"@"+CLIVersion)
	cmd.Env = append(os.Environ(), "GOBIN="+bin, "GOFLAGS=-buildvcs=false")
	out, in := io.Pipe()
	cmd.Stdout, cmd.Stderr = in, in // go install -v names packages on stderr
	var p buildProgress
	start := time.Now()
	child, err := StartChild(cmd)
	if err != nil {
		return err
	}
	go func() { <-child.Exited(); in.Close() }() // all output copied by then
	tail := &tailBuffer{max: 4 << 10}
	scanned := make(chan struct{})
	go func() { p.scan(out, tail, say); close(scanned) }()
	tick := time.NewTicker(progressEvery)
	defer tick.Stop()
	for waiting := true; waiting; {
		select {
		case <-scanned:
			waiting = false
		case <-tick.C:
			say("still building the Temporal CLI: %s elapsed, %d of about %d packages compiled (last: %s)",
				time.Since(start).Round(time.Second), p.count.Load(), cliPackages, p.last.Load())
		}
	}
	<-child.Exited()
	if st := cmd.ProcessState; !st.Success() {
		return fmt.Errorf("go install %s@%s: %s\n%s", cliPackage, CLIVersion, st, tail)
	}
	say("built the Temporal CLI in %s", time.Since(start).Round(time.Second))
	return nil
}

// buildProgress counts the packages `go install -v` names as it compiles.
type buildProgress struct {
	count atomic.Int64
	last  atomic.Value // string
}

// scan reads the build's output: download lines are shown as they come,
// package names counted, everything kept in tail for an error.
func (p *buildProgress) scan(r io.Reader, tail io.Writer, say func(string, ...any)) {
	p.last.Store("-")
	s := bufio.NewScanner(r)
	for s.Scan() {
		line := s.Text()
		fmt.Fprintln(tail, line)
		switch {
		case strings.HasPrefix(line, "go: downloading "):
			say("%s", strings.TrimPrefix(line, "go: "))
		case line != "" && !strings.ContainsAny(line, " \t:") && !strings.HasPrefix(line, "#"):
			p.count.Add(1)
			p.last.Store(line)
		}
	}
}
