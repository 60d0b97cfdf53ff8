package assistant

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRunRequestFilesValidate(t *testing.T) {
	base := func(mod func(*RunRequest)) RunRequest {
		r := RunRequest{AssistantID: "asst_1", Message: "look"}
		mod(&r)
		return r
	}
	ids := func(n int) []string {
		var out []string
		for i := range n {
			out = append(out, fmt.Sprint("file-", i))
		}
		return out
	}
	tests := []struct {
		name string
		req  RunRequest
		want []string // substrings of the error; nil = valid
	}{
		{"all set", base(func(r *RunRequest) {
			r.Attachments = []Attachment{{FileID: "file-a", Tools: []string{ToolCodeInterpreter, ToolFileSearch}}, {FileID: "file-b", Tools: []string{}}}
			r.Images = []ImagePart{{FileID: "file-c", Detail: "high"}, {URL: "https://example.com/a.png"}}
			r.ToolResources = &ToolResources{CodeInterpreter: &CodeInterpreterResources{FileIDs: ids(20)},
				FileSearch: &FileSearchResources{VectorStoreIDs: []string{"vs_1"}}}
			r.Overrides = &RunOverrides{AdditionalMessages: []Message{{Role: RoleAssistant, Content: "ok",
				Attachments: []Attachment{{FileID: "file-d", Tools: []string{ToolCodeInterpreter}}}}}}
		}), nil},
		{"attachment id", base(func(r *RunRequest) { r.Attachments = []Attachment{{FileID: " "}} }), []string{"attachments[0].file_id is empty"}},
		{"attachment tool", base(func(r *RunRequest) { r.Attachments = []Attachment{{FileID: "f", Tools: []string{"retrieval"}}} }),
			[]string{`attachments[0].tools[0] is "retrieval"; it must be code_interpreter or file_search`}},
		{"attachment tool twice", base(func(r *RunRequest) {
			r.Attachments = []Attachment{{FileID: "f", Tools: []string{ToolFileSearch, ToolFileSearch}}}
		}), []string{"attachments[0].tools names file_search twice"}},
		{"too many attachments", base(func(r *RunRequest) {
			for _, id := range ids(MaxAttachments + 1) {
				r.Attachments = append(r.Attachments, Attachment{FileID: id})
			}
		}), []string{"attachments has 21 files; the limit is 20"}},
		{"image neither", base(func(r *RunRequest) { r.Images = []ImagePart{{Detail: "low"}} }), []string{"images[0] has neither file_id nor url"}},
		{"image both", base(func(r *RunRequest) { r.Images = []ImagePart{{FileID: "f", URL: "https://x"}} }), []string{"images[0] has both"}},
		{"image scheme", base(func(r *RunRequest) { r.Images = []ImagePart{{URL: "file:///etc/passwd"}} }), []string{"images[0].url must start with https://"}},
		{"image url long", base(func(r *RunRequest) { r.Images = []ImagePart{{URL: "https://" + strings.Repeat("a", MaxImageURLBytes)}} }),
			[]string{"images[0].url is", "encoded"}},
		{"image detail", base(func(r *RunRequest) { r.Images = []ImagePart{{FileID: "f", Detail: "max"}} }), []string{`images[0].detail is "max"`}},
		{"code files", base(func(r *RunRequest) {
			r.ToolResources = &ToolResources{CodeInterpreter: &CodeInterpreterResources{FileIDs: ids(21)}}
		}), []string{"tool_resources.code_interpreter.file_ids has 21 IDs; the limit is 20"}},
		{"code file twice", base(func(r *RunRequest) {
			r.ToolResources = &ToolResources{CodeInterpreter: &CodeInterpreterResources{FileIDs: []string{"a", "a"}}}
		}), []string{`tool_resources.code_interpreter.file_ids names "a" twice`}},
		{"two stores", base(func(r *RunRequest) {
			r.ToolResources = &ToolResources{FileSearch: &FileSearchResources{VectorStoreIDs: []string{"a", "b"}}}
		}), []string{"tool_resources.file_search.vector_store_ids has 2 IDs; the limit is 1"}},
		{"additional message attachment", base(func(r *RunRequest) {
			r.Overrides = &RunOverrides{AdditionalMessages: []Message{{Role: RoleUser, Content: "x", Attachments: []Attachment{{FileID: ""}}}}}
		}), []string{"overrides.additional_messages[0].attachments[0].file_id is empty"}},
		{"additional message image", base(func(r *RunRequest) {
			r.Overrides = &RunOverrides{AdditionalMessages: []Message{{Role: RoleUser, Content: "x", Images: []ImagePart{{}}}}}
		}), []string{"overrides.additional_messages[0].images[0] has neither"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			requireValidation(t, tt.req.Validate(), tt.want)
		})
	}
}

// TestRunRequestFileIDs: the files a run was given, in order, each once;
// vector stores and URLs are not files.
func TestRunRequestFileIDs(t *testing.T) {
	r := RunRequest{
		Attachments: []Attachment{{FileID: "file-b"}, {FileID: "file-a"}},
		Images:      []ImagePart{{URL: "https://x/y.png"}, {FileID: "file-img"}},
		ToolResources: &ToolResources{CodeInterpreter: &CodeInterpreterResources{FileIDs: []string{"file-a", "file-c"}},
			FileSearch: &FileSearchResources{VectorStoreIDs: []string{"vs_1"}}},
		Overrides: &RunOverrides{AdditionalMessages: []Message{{Images: []ImagePart{{FileID: "file-z"}}}}},
	}
	require.Equal(t, []string{"file-z", "file-b", "file-a", "file-img", "file-c"}, r.FileIDs())
	require.Nil(t, RunRequest{}.FileIDs())
}

func TestAssistantSpecFilesValidate(t *testing.T) {
	apply := AssistantsInput{Op: OpApply, Spec: AssistantSpec{Name: "a", Model: "m", BuiltinTools: []string{ToolCodeInterpreter, ToolFileSearch},
		ToolResources: &ToolResources{CodeInterpreter: &CodeInterpreterResources{FileIDs: []string{"file-1"}}}}}
	require.NoError(t, apply.Validate())
	apply.Spec.BuiltinTools = []string{"web_search"}
	require.ErrorContains(t, apply.Validate(), `builtin_tools[0] is "web_search"`)
	apply.Spec.BuiltinTools = []string{ToolFileSearch, ToolFileSearch}
	require.ErrorContains(t, apply.Validate(), "builtin_tools names file_search twice")
	update := AssistantsInput{Op: OpUpdate, ID: "asst_1", Spec: AssistantSpec{BuiltinTools: []string{ToolCodeInterpreter}}}
	require.ErrorContains(t, update.Validate(), "update: builtin_tools needs tools too")
	update.Spec.Tools = true
	require.NoError(t, update.Validate())
	update.Spec.ToolResources = &ToolResources{FileSearch: &FileSearchResources{VectorStoreIDs: []string{"a", "b"}}}
	require.ErrorContains(t, update.Validate(), "tool_resources.file_search.vector_store_ids has 2 IDs")
}
