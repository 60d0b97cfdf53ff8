package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
)

// textFollower prints a streaming run's reply as it grows: it reads the
// run's State every tick and prints what was added since the last read.
type textFollower struct {
	stopWatch func()
	w         io.Writer
	shown     string
}

func followText(ctx context.Context, r *client.Run, w io.Writer, every time.Duration) *textFollower {
	f := &textFollower{w: w}
	f.stopWatch = watchState(ctx, r, every, func(st assistant.RunView) {
		if st.Text != "" {
			f.show(st.Text)
		}
	})
	return f
}

// show prints the new suffix of text. The text is a capped tail and starts
// afresh in each tool round, so a text that does not extend what was shown
// begins on a new line.
func (f *textFollower) show(text string) {
	switch {
	case text == f.shown:
		return
	case strings.HasPrefix(text, f.shown):
		fmt.Fprint(f.w, shown(f.w, text[len(f.shown):]))
	case strings.Contains(f.shown, text):
		return // an older read
	default:
		fmt.Fprint(f.w, "\n"+shown(f.w, text))
	}
	f.shown = text
}

// stop ends the follower and closes the printed text's line; nil-safe.
func (f *textFollower) stop() {
	if f == nil {
		return
	}
	f.stopWatch()
	if f.shown != "" {
		fmt.Fprintln(f.w)
	}
}
