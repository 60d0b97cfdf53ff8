package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// Each single-object command reads its flags and its one ID into the
// operation; a bad one is a usage error naming the field.
func TestThreadsOpFlags(t *testing.T) {
	file := filepath.Join(t.TempDir(), "m.txt")
	require.NoError(t, os.WriteFile(file, []byte("from a file\n"), 0o600))
	for _, tc := range []struct {
		name string
		args []string
		want assistant.ThreadsInput
		key  string
	}{
		{"thread create", []string{"--metadata", "team=a", "--key", "k1"},
			assistant.ThreadsInput{Op: assistant.OpThreadCreate, Metadata: map[string]string{"team": "a"}}, "k1"},
		{"message create", []string{"--thread", "thread_1", "--text", "hi"},
			assistant.ThreadsInput{Op: assistant.OpMessageCreate, ThreadID: "thread_1", Role: "user", Text: "hi"}, ""},
		{"message create", []string{"--thread", "thread_1", "--role", "assistant", "--text-file", file},
			assistant.ThreadsInput{Op: assistant.OpMessageCreate, ThreadID: "thread_1", Role: "assistant", Text: "from a file"}, ""},
		{"message get", []string{"msg_1", "--thread", "thread_1"},
			assistant.ThreadsInput{Op: assistant.OpMessageGet, ThreadID: "thread_1", MessageID: "msg_1"}, ""},
		{"message update", []string{"msg_1", "--thread", "thread_1", "--metadata", "k=v"},
			assistant.ThreadsInput{Op: assistant.OpMessageUpdate, ThreadID: "thread_1", MessageID: "msg_1", Metadata: map[string]string{"k": "v"}}, ""},
		{"run update", []string{"run_1", "--thread", "thread_1", "--metadata", "k=v"},
			assistant.ThreadsInput{Op: assistant.OpRunUpdate, ThreadID: "thread_1", RunID: "run_1", Metadata: map[string]string{"k": "v"}}, ""},
		{"step get", []string{"step_1", "--thread", "thread_1", "--run", "run_1"},
			assistant.ThreadsInput{Op: assistant.OpStepGet, ThreadID: "thread_1", RunID: "run_1", StepID: "step_1"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stderr bytes.Buffer
			f, err := parseThreadsOp(tc.name, tc.args, &stderr)
			require.NoError(t, err, stderr.String())
			require.Equal(t, tc.want, f.in)
			require.Equal(t, tc.key, f.key)
		})
	}
	for _, tc := range []struct{ name, want string }{
		{"message create", "text is empty"},
		{"message get", "message_id is empty"},
		{"run update", "run_id is empty"},
		{"step get", "run_id is empty"},
	} {
		var stderr bytes.Buffer
		_, err := parseThreadsOp(tc.name, []string{"--thread", "thread_1"}, &stderr)
		require.ErrorIs(t, err, errUsage)
		require.Contains(t, stderr.String(), tc.want)
	}
	var stderr bytes.Buffer
	_, err := parseThreadsOp("message create", []string{"--thread", "t", "--text", "a", "--text-file", file}, &stderr)
	require.ErrorIs(t, err, errUsage)
	require.Contains(t, stderr.String(), "not both")
}

// --create-thread-and-run asks for one request; with --thread or
// --instructions it is refused, naming the field.
func TestRunCreateThreadAndRunFlag(t *testing.T) {
	var stderr bytes.Buffer
	f, err := parseRunFlags([]string{"--assistant", "asst_1", "--message", "hi", "--create-thread-and-run"}, &stderr)
	require.NoError(t, err)
	require.True(t, f.req.CreateThreadAndRun)
	_, err = parseRunFlags([]string{"--assistant", "asst_1", "--message", "hi", "--create-thread-and-run", "--thread", "thread_1"}, &stderr)
	require.ErrorIs(t, err, errUsage)
	require.Contains(t, stderr.String(), "leave thread_id empty")
	_, err = parseRunFlags([]string{"--assistant", "asst_1", "--message", "hi", "--create-thread-and-run", "--instructions", "x"}, &stderr)
	require.ErrorIs(t, err, errUsage)
	require.Contains(t, stderr.String(), "no additional_instructions")
}

// The text output shows the object's ID and its metadata.
func TestPrintThreadsOp(t *testing.T) {
	var out bytes.Buffer
	printThreadsOp(&out, assistant.ThreadMessage{ID: "msg_1", Role: "user", Text: "hi", Metadata: map[string]string{"k": "v"}}, false)
	require.Equal(t, "msg_1 user hi\n  k=v\n", out.String())
	out.Reset()
	printThreadsOp(&out, assistant.ThreadRun{ID: "run_1", Status: "completed"}, true)
	require.JSONEq(t, `{"id":"run_1","status":"completed","usage":{"prompt_tokens":0,"completion_tokens":0,"total_tokens":0}}`, out.String())
}
