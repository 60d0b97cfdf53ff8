//go:build !linux

package devserver

import "syscall"

// childAttr: without a parent-death signal outside Linux, a child of a
// parent killed with SIGKILL survives it; StopChild still stops it otherwise.
func childAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
