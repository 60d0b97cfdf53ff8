package main

import (
	"bytes"
	"os"
	"path/filepath"
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
	for name, tc := range map[string]struct {
		args []string
		want string
	}{
		"both":    {[]string{"--message", "x", "--message-file", big}, "not both"},
		"missing": {[]string{"--message-file", filepath.Join(dir, "nope")}, "no such file"},
		"too big": {[]string{"--message-file", big}, "over 262144 bytes"},
		"empty":   {[]string{"--message-file", empty}, "message is empty"},
		"neither": {nil, "--message-file are required"},
	} {
		t.Run(name, func(t *testing.T) {
			var stderr bytes.Buffer
			_, err := parseRunFlags(append([]string{"--assistant", "asst_1"}, tc.args...), &stderr)
			require.ErrorIs(t, err, errUsage)
			require.Contains(t, stderr.String(), tc.want)
		})
	}
}
