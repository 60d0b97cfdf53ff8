package assistant

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRunRequestValidate(t *testing.T) {
	valid := func(edit func(r *RunRequest)) RunRequest {
		r := RunRequest{AssistantID: "asst_1", Message: "hello", Metadata: map[string]string{"team": "a"}}
		edit(&r)
		return r
	}
	metadata := func(n int) map[string]string {
		m := map[string]string{}
		for i := range n {
			m[fmt.Sprintf("k%02d", i)] = "v"
		}
		return m
	}
	tests := []struct {
		name string
		req  RunRequest
		want []string // substrings of the error; nil = valid
	}{
		{"valid", valid(func(*RunRequest) {}), nil},
		{"no metadata", valid(func(r *RunRequest) { r.Metadata = nil }), nil},
		{"thread id is optional", valid(func(r *RunRequest) { r.ThreadID = "" }), nil},
		{"thread and run", valid(func(r *RunRequest) { r.CreateThreadAndRun = true }), nil},
		{"thread and run on a thread", valid(func(r *RunRequest) { r.CreateThreadAndRun, r.ThreadID = true, "thread_1" }),
			[]string{"create_thread_and_run", "thread_1", "leave thread_id empty"}},
		{"thread and run adding instructions", valid(func(r *RunRequest) { r.CreateThreadAndRun, r.Instructions = true, "x" }),
			[]string{"instructions", "no additional_instructions", "overrides.instructions"}},
		{"thread and run with an attachment", valid(func(r *RunRequest) {
			r.CreateThreadAndRun, r.Attachments = true, []Attachment{{FileID: "file-1", Tools: []string{"file_search"}}}
		}), []string{"create_thread_and_run cannot carry attachments, images or tool_resources"}},
		{"empty assistant", valid(func(r *RunRequest) { r.AssistantID = "" }), []string{"assistant_id"}},
		{"blank assistant", valid(func(r *RunRequest) { r.AssistantID = " \t" }), []string{"assistant_id"}},
		{"empty message", valid(func(r *RunRequest) { r.Message = "" }), []string{"message", "empty"}},
		{"blank message", valid(func(r *RunRequest) { r.Message = "\n " }), []string{"message", "empty"}},
		{"message at limit", valid(func(r *RunRequest) { r.Message = strings.Repeat("a", MaxMessageBytes-2) }), nil}, // and its quotes
		{"message too long", valid(func(r *RunRequest) { r.Message = strings.Repeat("a", MaxMessageBytes-1) }),
			[]string{"message", fmt.Sprint(MaxMessageBytes)}},
		{"message not utf-8", valid(func(r *RunRequest) { r.Message = "hi \xff" }), []string{"message", "UTF-8"}},
		// '<' travels as \u003c: 6 bytes each once encoded.
		{"message of < at encoded limit", valid(func(r *RunRequest) { r.Message = strings.Repeat("<", (MaxMessageBytes-2)/6) }), nil},
		{"message of < over encoded limit", valid(func(r *RunRequest) { r.Message = strings.Repeat("<", MaxMessageBytes/6+1) }),
			[]string{"message", "encoded", fmt.Sprint(MaxMessageBytes)}},
		{"message of control chars over encoded limit", valid(func(r *RunRequest) { r.Message = "x" + strings.Repeat("\x01", MaxMessageBytes/6+1) }),
			[]string{"message", "encoded"}},
		{"no instructions", valid(func(r *RunRequest) { r.Instructions = "" }), nil},
		{"blank instructions", valid(func(r *RunRequest) { r.Instructions = " " }), nil},
		{"instructions at limit", valid(func(r *RunRequest) { r.Instructions = strings.Repeat("i", MaxInstructionsBytes-2) }), nil},
		{"instructions too long", valid(func(r *RunRequest) { r.Instructions = strings.Repeat("i", MaxInstructionsBytes-1) }),
			[]string{"instructions", fmt.Sprint(MaxInstructionsBytes)}},
		{"instructions of & over encoded limit", valid(func(r *RunRequest) { r.Instructions = strings.Repeat("&", MaxInstructionsBytes/6+1) }),
			[]string{"instructions", "encoded"}},
		{"instructions not utf-8", valid(func(r *RunRequest) { r.Instructions = "be \xfe" }), []string{"instructions", "UTF-8"}},
		{"assistant id too long", valid(func(r *RunRequest) { r.AssistantID = strings.Repeat("a", MaxIDBytes+1) }),
			[]string{"assistant_id", fmt.Sprint(MaxIDBytes)}},
		{"thread id too long", valid(func(r *RunRequest) { r.ThreadID = strings.Repeat("t", MaxIDBytes+1) }),
			[]string{"thread_id", fmt.Sprint(MaxIDBytes)}},
		{"15 metadata pairs", valid(func(r *RunRequest) { r.Metadata = metadata(15) }), nil},
		{"16 metadata pairs", valid(func(r *RunRequest) { r.Metadata = metadata(16) }), []string{"metadata", "15"}},
		{"reserved key", valid(func(r *RunRequest) { r.Metadata[ReservedMetadataKey] = "x" }),
			[]string{"metadata", ReservedMetadataKey, "reserved"}},
		{"empty key", valid(func(r *RunRequest) { r.Metadata[""] = "x" }), []string{"metadata key"}},
		{"key at limit", valid(func(r *RunRequest) { r.Metadata[strings.Repeat("é", 64)] = "x" }), nil},
		{"key too long", valid(func(r *RunRequest) { r.Metadata[strings.Repeat("k", 65)] = "x" }),
			[]string{"metadata key", "64"}},
		{"value at limit", valid(func(r *RunRequest) { r.Metadata["v"] = strings.Repeat("é", 512) }), nil},
		{"value too long", valid(func(r *RunRequest) { r.Metadata["v"] = strings.Repeat("x", 513) }),
			[]string{"metadata value", `"v"`, "513", "512"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.req.Validate()

			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			for _, s := range tc.want {
				require.Contains(t, err.Error(), s)
			}
		})
	}
}

func TestRunRequestValidateIsDeterministic(t *testing.T) {
	r := RunRequest{AssistantID: "a", Message: "m", Metadata: map[string]string{
		strings.Repeat("b", 65): "x", strings.Repeat("a", 65): "x", strings.Repeat("c", 65): "x",
	}}
	first := r.Validate()
	require.Error(t, first)
	require.Contains(t, first.Error(), strings.Repeat("a", 65), "the first key in sorted order is named")
	for range 20 {
		require.Equal(t, first.Error(), r.Validate().Error())
	}
}
