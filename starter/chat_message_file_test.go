package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// `starter chat --message-file` takes the first message, all its lines, from
// a file or standard input, never from argv.
func TestChatMessageFromFileOrStdin(t *testing.T) {
	path := filepath.Join(t.TempDir(), "msg.txt")
	require.NoError(t, os.WriteFile(path, []byte("line one\nline two\n"), 0o600))
	base := []string{"--conversation", "c1", "--assistant", "asst_1"}
	var stderr bytes.Buffer
	f, err := parseChatFlags(append(base, "--message-file", path), &stderr)
	require.NoError(t, err, stderr.String())
	require.Equal(t, "line one\nline two", f.first)
	require.True(t, f.fromFile)
	require.False(t, f.stdinMsg)

	old := stdin
	t.Cleanup(func() { stdin = old })
	stdin = strings.NewReader("from a pipe\nsecond line\n")
	f, err = parseChatFlags(append(base, "--message-file", "-"), &stderr)
	require.NoError(t, err, stderr.String())
	require.Equal(t, "from a pipe\nsecond line", f.first)
	require.True(t, f.stdinMsg, "standard input is used up")

	f, err = parseChatFlags(base, &stderr)
	require.NoError(t, err)
	require.False(t, f.fromFile, "without the flag, messages are the input lines")
}

func TestChatMessageFileErrors(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	require.NoError(t, os.WriteFile(big, bytes.Repeat([]byte("a"), assistant.MaxMessageBytes+10), 0o600))
	empty := filepath.Join(dir, "empty.txt")
	require.NoError(t, os.WriteFile(empty, []byte(" \n"), 0o600))
	parse := func(args []string, stderr io.Writer) error { _, err := parseChatFlags(args, stderr); return err }
	requireUsageErrors(t, parse, []string{"--conversation", "c1", "--assistant", "asst_1"}, map[string]usageCase{
		"missing": {[]string{"--message-file", filepath.Join(dir, "nope")}, "no such file"},
		"too big": {[]string{"--message-file", big}, "over 262144 bytes"},
		"empty":   {[]string{"--message-file", empty}, "message is empty"},
		"argv":    {[]string{"the secret text"}, "unexpected argument"},
		"no key":  {[]string{"--conversation", ""}, "--conversation and --assistant are required"},
	})
}
