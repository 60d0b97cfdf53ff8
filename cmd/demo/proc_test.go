package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// proc is one process seen in /proc: its start time tells it from a later
// process that reuses the pid.
type proc struct {
	pid   int
	start string
	comm  string
}

func (p proc) String() string { return fmt.Sprintf("%s(%d)", p.comm, p.pid) }

// alive reports whether p still runs (a zombie has ended).
func (p proc) alive() bool {
	st, ok := readStat(p.pid)
	return ok && st.start == p.start && st.state != "Z"
}

func alive(ps []proc) []proc {
	var out []proc
	for _, p := range ps {
		if p.alive() {
			out = append(out, p)
		}
	}
	return out
}

type stat struct {
	proc
	state string
	ppid  int
}

// readStat parses /proc/<pid>/stat: "pid (comm) state ppid ... starttime(22nd)".
func readStat(pid int) (stat, bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return stat{}, false
	}
	s := string(b)
	open, end := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
	if open < 0 || end < open {
		return stat{}, false
	}
	f := strings.Fields(s[end+1:]) // f[0] is field 3 (state)
	if len(f) < 20 {
		return stat{}, false
	}
	ppid, _ := strconv.Atoi(f[1])
	return stat{proc: proc{pid: pid, start: f[19], comm: s[open+1 : end]}, state: f[0], ppid: ppid}, true
}

// procWatch records, every 20 ms, every descendant of a process: once the
// process has ended its orphans are re-parented, so they are found while it
// runs.
type procWatch struct {
	mu   sync.Mutex
	seen map[proc]bool
	quit chan struct{}
	once sync.Once
}

func watchDescendants(root int) *procWatch {
	w := &procWatch{seen: map[proc]bool{}, quit: make(chan struct{})}
	go func() {
		for {
			w.scan(root)
			select {
			case <-w.quit:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	return w
}

func (w *procWatch) scan(root int) {
	entries, _ := os.ReadDir("/proc")
	parent := map[int]stat{}
	for _, e := range entries {
		if pid, err := strconv.Atoi(e.Name()); err == nil {
			if st, ok := readStat(pid); ok {
				parent[pid] = st
			}
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for pid, st := range parent {
		for p, hops := st.ppid, 0; p > 1 && hops < 64; p, hops = parent[p].ppid, hops+1 {
			if p == root {
				w.seen[st.proc] = true
				break
			}
		}
		_ = pid
	}
}

// stop ends the watch and returns every descendant seen.
func (w *procWatch) stop() []proc {
	w.once.Do(func() { close(w.quit) })
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []proc
	for p := range w.seen {
		out = append(out, p)
	}
	return out
}
