package devserver

import (
	"os/exec"
	"runtime"
	"syscall"
	"time"
)

// Child is a process that cannot outlive the one that started it: it gets a
// process group of its own (so Stop reaches its children too, and a Ctrl-C at
// the terminal reaches only its parent, which stops it in order) and, on
// Linux, the parent-death signal SIGKILL, so a crashed or killed parent
// leaves nothing running.
type Child struct {
	Cmd    *exec.Cmd
	exited chan struct{} // closed once the process has ended and is reaped
}

// StartChild starts cmd as a Child. A CommandContext's cancel kills the
// whole group.
func StartChild(cmd *exec.Cmd) (*Child, error) {
	cmd.SysProcAttr = childAttr()
	if cmd.Cancel != nil { // made by CommandContext, which requires Cancel then
		cmd.Cancel = func() error { return killGroup(cmd.Process.Pid) }
	}
	if err := spawn(cmd); err != nil {
		return nil, err
	}
	c := &Child{Cmd: cmd, exited: make(chan struct{})}
	go func() { _ = cmd.Wait(); close(c.exited) }()
	return c, nil
}

// Exited is closed once the child has ended; Cmd.ProcessState tells how.
func (c *Child) Exited() <-chan struct{} { return c.exited }

// Stop asks the child to stop with sig (SIGTERM; SIGINT for the Temporal
// CLI), waits up to grace, then kills its whole process group. It returns
// once the child has ended.
func (c *Child) Stop(sig syscall.Signal, grace time.Duration) {
	_ = c.Cmd.Process.Signal(sig)
	select {
	case <-c.exited:
	case <-time.After(grace):
	}
	_ = killGroup(c.Cmd.Process.Pid) // also whatever the child left in its group
	<-c.exited
}

func killGroup(pid int) error { return syscall.Kill(-pid, syscall.SIGKILL) }

// spawner starts children from one goroutine locked to its OS thread for the
// life of the process: Linux sends the parent-death signal when the thread
// that forked the child ends, not the process, and Go may end a thread.
var spawner = make(chan spawnRequest)

type spawnRequest struct {
	cmd  *exec.Cmd
	done chan error
}

func init() {
	go func() {
		runtime.LockOSThread() // never unlocked: this thread lives as long as the process
		for r := range spawner {
			r.done <- r.cmd.Start()
		}
	}()
}

func spawn(cmd *exec.Cmd) error {
	done := make(chan error, 1)
	spawner <- spawnRequest{cmd, done}
	return <-done
}
