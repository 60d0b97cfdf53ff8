package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
)

func TestMessageFromFileOrStdin(t *testing.T) {
	path := filepath.Join(t.TempDir(), "msg.txt")
	require.NoError(t, os.WriteFile(path, []byte("line one\nline two\n"), 0o600))
	var stderr bytes.Buffer
	f, err := parseRunFlags([]string{"--assistant", "asst_1", "--message-file", path}, &stderr)
	require.NoError(t, err, stderr.String())
	require.Equal(t, "line one\nline two", f.req.Message, "one final newline dropped")

	old := stdin
	t.Cleanup(func() { stdin = old })
	stdin = strings.NewReader("from a pipe\r\n")
	f, err = parseRunFlags([]string{"--assistant", "asst_1", "--message-file", "-"}, &stderr)
	require.NoError(t, err, stderr.String())
	require.Equal(t, "from a pipe", f.req.Message)
}

func TestMessageFileErrors(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	require.NoError(t, os.WriteFile(big, bytes.Repeat([]byte("a"), assistant.MaxMessageBytes+10), 0o600))
	empty := filepath.Join(dir, "empty.txt")
	require.NoError(t, os.WriteFile(empty, []byte("\n"), 0o600))
	parse := func(args []string, stderr io.Writer) error { _, err := parseRunFlags(args, stderr); return err }
	requireUsageErrors(t, parse, []string{"--assistant", "asst_1"}, map[string]usageCase{
		"both":    {[]string{"--message", "x", "--message-file", big}, "not both"},
		"missing": {[]string{"--message-file", filepath.Join(dir, "nope")}, "no such file"},
		"too big": {[]string{"--message-file", big}, "over 262144 bytes"},
		"empty":   {[]string{"--message-file", empty}, "message is empty"},
		"neither": {nil, "--message-file are required"},
	})
}

// usageCase is command-line arguments a command refuses, and what its
// usage error says.
type usageCase struct {
	args []string
	want string
}

// requireUsageErrors requires parse to refuse base followed by each case's
// arguments with a usage error that says the case's text.
func requireUsageErrors(t *testing.T, parse func([]string, io.Writer) error, base []string, cases map[string]usageCase) {
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var stderr bytes.Buffer
			err := parse(append(slices.Clone(base), tc.args...), &stderr)
			require.ErrorIs(t, err, errUsage)
			require.Contains(t, stderr.String(), tc.want)
		})
	}
}
