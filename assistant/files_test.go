package assistant

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestMaxFileBytesFitsTheEncodedLimit: the largest file a Files workflow
// carries is exactly what fits MaxFileEncodedBytes as encoding/json writes a
// []byte (base64 in quotes), and one byte more does not.
func TestMaxFileBytesFitsTheEncodedLimit(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 4, 100, MaxFileBytes, MaxFileBytes + 1} {
		raw, err := json.Marshal(make([]byte, n))
		require.NoError(t, err)
		require.Equal(t, len(raw), FileEncodedLen(n), "n=%d", n)
	}
	require.LessOrEqual(t, FileEncodedLen(MaxFileBytes), MaxFileEncodedBytes)
	require.Greater(t, FileEncodedLen(MaxFileBytes+1), MaxFileEncodedBytes)
	require.Equal(t, 589821, MaxFileBytes)

	// The whole workflow input of the largest upload stays inside the budget.
	in := FilesInput{Op: OpFileUpload, Upload: &FileUpload{Filename: strings.Repeat("<", MaxIDBytes/6), Purpose: PurposeUserData,
		Content: make([]byte, MaxFileBytes)}, Since: 1 << 40}
	require.NoError(t, in.Validate())
	raw, err := json.Marshal(in)
	require.NoError(t, err)
	require.Less(t, len(raw), InputBudget)
}

func TestFilesInputValidate(t *testing.T) {
	up := func(u FileUpload) FilesInput { return FilesInput{Op: OpFileUpload, Upload: &u} }
	tests := []struct {
		name string
		in   FilesInput
		want []string // substrings of the error; nil = valid
	}{
		{"upload", up(FileUpload{Filename: "data.csv", Content: []byte("a,b")}), nil},
		{"upload vision", up(FileUpload{Filename: "p.png", Purpose: PurposeVision, Content: []byte{1}}), nil},
		{"upload missing", FilesInput{Op: OpFileUpload}, []string{"upload is missing"}},
		{"no name", up(FileUpload{Filename: " ", Content: []byte{1}}), []string{"upload.filename is empty"}},
		{"path", up(FileUpload{Filename: "a/b.csv", Content: []byte{1}}), []string{"upload.filename", "path separator"}},
		{"long name", up(FileUpload{Filename: strings.Repeat("n", MaxIDBytes), Content: []byte{1}}), []string{"upload.filename", "encoded"}},
		{"purpose", up(FileUpload{Filename: "a", Purpose: "fine-tune", Content: []byte{1}}), []string{"upload.purpose", "assistants, vision, user_data"}},
		{"empty", up(FileUpload{Filename: "a"}), []string{"upload.content is empty"}},
		{"largest", up(FileUpload{Filename: "a", Content: make([]byte, MaxFileBytes)}), nil},
		{"too large", up(FileUpload{Filename: "a", Content: make([]byte, MaxFileBytes+1)}),
			[]string{"upload.content is 589822 bytes, 786434 encoded", "the limit is 786432 encoded (589821 bytes of file)"}},
		{"list", FilesInput{Op: OpFileList, Purpose: "assistants_output", Limit: 100}, nil},
		{"list limit", FilesInput{Op: OpFileList, Limit: 101}, []string{"list: limit is 101"}},
		{"list purpose", FilesInput{Op: OpFileList, Purpose: "x"}, []string{"list: purpose is \"x\""}},
		{"get", FilesInput{Op: OpFileGet, FileID: "file-1"}, nil},
		{"content no id", FilesInput{Op: OpFileContent}, []string{"content: file_id is empty"}},
		{"delete long id", FilesInput{Op: OpFileDelete, FileID: strings.Repeat("f", MaxIDBytes)}, []string{"delete: file_id", "encoded"}},
		{"op", FilesInput{Op: "rename"}, []string{`op is "rename"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			requireValidation(t, tt.in.Validate(), tt.want)
		})
	}
}

// requireValidation checks a Validate result: no error when want is nil,
// else an error holding every string of want.
func requireValidation(t *testing.T, err error, want []string) {
	t.Helper()
	if want == nil {
		require.NoError(t, err)
		return
	}
	require.Error(t, err)
	for _, w := range want {
		require.Contains(t, err.Error(), w)
	}
}
