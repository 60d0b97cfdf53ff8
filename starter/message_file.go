package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// stdin is where --message-file - reads (a variable for tests).
var stdin io.Reader = os.Stdin

// readMessage reads a message from a file, or standard input for "-", so
// that the text is not in argv, where other users of the machine see it
// (ps) and shells keep it (history). It reads at most the message limit
// plus one byte, and drops one final newline, which editors and echo add.
func readMessage(path string) (string, error) {
	r := stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return "", err
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, assistant.MaxMessageBytes+1))
	if err != nil {
		return "", err
	}
	if len(b) > assistant.MaxMessageBytes {
		return "", fmt.Errorf("over %d bytes, the limit of a message", assistant.MaxMessageBytes)
	}
	s := string(b)
	if t, ok := strings.CutSuffix(s, "\n"); ok {
		s = strings.TrimSuffix(t, "\r")
	}
	return s, nil
}
