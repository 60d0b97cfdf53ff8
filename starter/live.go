package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
)

// liveLine shows the run's state on one updating terminal line while the
// starter waits: status, phase and the tools being called.
type liveLine struct {
	stopWatch func()
	w         io.Writer
}

func startLiveLine(ctx context.Context, r *client.Run, w io.Writer, every time.Duration) *liveLine {
	return &liveLine{w: w, stopWatch: watchState(ctx, r, every, func(st assistant.RunView) {
		line := fmt.Sprintf("%s · %s", orDash(string(st.Status)), st.Phase)
		if len(st.PendingTools) > 0 {
			line += " · tools: " + terminalSafe(strings.Join(st.PendingTools, ", "))
		}
		fmt.Fprintf(w, "\r\033[K%s", line)
	})}
}

// stop ends the line and clears it; safe on a nil liveLine.
func (l *liveLine) stop() {
	if l == nil {
		return
	}
	l.stopWatch()
	fmt.Fprint(l.w, "\r\033[K")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// isTerminal reports whether w is an interactive terminal (a variable, so
// tests can pose as one).
var isTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
