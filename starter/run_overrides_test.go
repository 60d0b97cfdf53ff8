package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
)

func TestRunFlagsOverrides(t *testing.T) {
	schema := filepath.Join(t.TempDir(), "s.json")
	require.NoError(t, os.WriteFile(schema, []byte(`{"type":"object","properties":{"a":{"type":"string"}}}`), 0o600))
	var stderr bytes.Buffer
	f, err := parseRunFlags([]string{"--assistant", "asst_1", "--message", "hi", "--model", "gpt-4o-mini",
		"--replace-instructions", "Be terse.", "--additional-message", "user:earlier", "--tools", "calculate,current_time",
		"--tool-choice", "required", "--parallel-tool-calls", "false", "--temperature", "0.2", "--top-p", "0.9",
		"--json-schema", schema, "--strict", "--truncation", "last_messages:4", "--max-prompt-tokens", "1000",
		"--max-completion-tokens", "500", "--metadata", "team=a"}, &stderr)
	require.NoError(t, err, stderr.String())
	o := f.req.Overrides
	require.NotNil(t, o)
	require.Equal(t, "gpt-4o-mini", o.Model)
	require.Equal(t, "Be terse.", *o.Instructions)
	require.Equal(t, []assistant.Message{{Role: "user", Content: "earlier"}}, o.AdditionalMessages)
	require.Equal(t, []string{"calculate", "current_time"}, o.Tools)
	require.Equal(t, "required", o.ToolChoice)
	require.False(t, *o.ParallelToolCalls)
	require.InDelta(t, 0.2, *o.Temperature, 1e-9)
	require.Equal(t, assistant.FormatJSONSchema, o.ResponseFormat.Type)
	require.True(t, o.ResponseFormat.JSONSchema.Strict)
	require.Equal(t, &assistant.TruncationStrategy{Type: "last_messages", LastMessages: 4}, o.TruncationStrategy)
	require.EqualValues(t, 1000, o.MaxPromptTokens)
	require.Equal(t, map[string]string{"team": "a"}, f.req.Metadata)

	f, err = parseRunFlags([]string{"--assistant", "asst_1", "--message", "hi"}, &stderr)
	require.NoError(t, err)
	require.Nil(t, f.req.Overrides, "no override flag, no overrides")

	stderr.Reset()
	_, err = parseRunFlags([]string{"--assistant", "asst_1", "--message", "hi", "--temperature", "3"}, &stderr)
	require.ErrorIs(t, err, errUsage)
	require.Contains(t, stderr.String(), "overrides.temperature")
}
