package integration

import (
	"strings"
	"sync"
)

// syncWriter lets a process's stdout and stderr share one buffer safely.
type syncWriter struct {
	mu sync.Mutex
	b  *strings.Builder
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *syncWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

type stringsBuilder = strings.Builder

func trimSpace(s string) string { return strings.TrimSpace(s) }
