package main

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
)

func TestTerminalSafe(t *testing.T) {
	for in, want := range map[string]string{
		"plain text\nnext\tcol":     "plain text\nnext\tcol",
		"\x1b[2J\x1b]0;pwned\x07":   `\x1b[2J\x1b]0;pwned\x07`,
		"over\rwrite":               `over\rwrite`,
		"c1 \u009b31m":              `c1 \u009b31m`,
		"bidi \u202eevil\u202c":     `bidi \u202eevil\u202c`,
		"del \x7f and nul \x00":     `del \x7f and nul \x00`,
		"émoji 👍 and 漢字 stay as is": "émoji 👍 and 漢字 stay as is",
	} {
		require.Equal(t, want, terminalSafe(in), "%q", in)
	}
}

// posingAsTerminal makes isTerminal true for the test's writers.
func posingAsTerminal(t *testing.T) {
	old := isTerminal
	isTerminal = func(io.Writer) bool { return true }
	t.Cleanup(func() { isTerminal = old })
}

// A reply with escape sequences is printed escaped on a terminal, and as is
// to a pipe and in --json (where JSON escapes it).
func TestReplyControlCharactersOnATerminal(t *testing.T) {
	o := output{Status: "completed", Reply: "done\x1b]0;owned\x07\x1b[2J",
		ToolCalls: []assistant.ToolCallRecord{{ToolCall: assistant.ToolCall{Name: "t\x1b[31m", Arguments: "{}"}, Output: "\x1b[1Aout"}},
		Error:     "api said \x1b[5m"}

	var piped, pipedErr bytes.Buffer
	report(&piped, &pipedErr, false, o, 0)
	require.Contains(t, piped.String(), "\x1b]0;owned", "a pipe gets the exact text")

	posingAsTerminal(t)
	var out, errOut bytes.Buffer
	report(&out, &errOut, false, o, 0)
	require.NotContains(t, out.String()+errOut.String(), "\x1b")
	require.NotContains(t, out.String(), "\x07")
	require.Contains(t, out.String(), `done\x1b]0;owned\x07\x1b[2J`)
	require.Contains(t, out.String(), `tool t\x1b[31m({}) -> \x1b[1Aout`)
	require.Contains(t, errOut.String(), `api said \x1b[5m`)

	var js bytes.Buffer
	report(&js, &errOut, true, o, 0)
	require.NotContains(t, js.String(), "\x1b")
}

func TestStreamedTextIsEscapedOnATerminal(t *testing.T) {
	posingAsTerminal(t)
	var out bytes.Buffer
	f := &textFollower{w: &out}
	f.show("hello \x1b[2J")
	f.show("hello \x1b[2J world\r")
	require.Equal(t, `hello \x1b[2J world\r`, out.String())
	require.False(t, strings.ContainsRune(out.String(), 0x1b))
}
