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

// `starter file upload PATH` reads the file under its base name; one too
// large for a Files workflow is refused (exit 2) before it is read or
// anything started; get --content is the content operation.
func TestFileFlags(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sales.csv")
	require.NoError(t, os.WriteFile(path, []byte("a,b\n"), 0o600))
	var stderr bytes.Buffer
	_, in, err := parseFileFlags("upload", []string{path, "--purpose", "user_data"}, &stderr)
	require.NoError(t, err, stderr.String())
	require.Equal(t, assistant.FilesInput{Op: assistant.OpFileUpload,
		Upload: &assistant.FileUpload{Filename: "sales.csv", Purpose: "user_data", Content: []byte("a,b\n")}, Limit: 20}, in)
	_, in, err = parseFileFlags("upload", []string{path, "--name", "q1.csv"}, &stderr)
	require.NoError(t, err)
	require.Equal(t, "q1.csv", in.Upload.Filename)

	big := filepath.Join(dir, "big.bin")
	require.NoError(t, os.WriteFile(big, make([]byte, assistant.MaxFileBytes+1), 0o600))
	stderr.Reset()
	_, _, err = parseFileFlags("upload", []string{big}, &stderr)
	require.ErrorIs(t, err, errUsage)
	require.Contains(t, stderr.String(), "big.bin is 589822 bytes; the limit is 589821 (786432 once encoded)")

	f, in, err := parseFileFlags("get", []string{"file-1", "--content", "--out", filepath.Join(dir, "o")}, &stderr)
	require.NoError(t, err)
	require.Equal(t, assistant.OpFileContent, in.Op)
	require.Equal(t, "file-1", in.FileID)
	require.Equal(t, 0, writeContent(&bytes.Buffer{}, &stderr, f.out, []byte("xyz")))
	got, _ := os.ReadFile(f.out)
	require.Equal(t, "xyz", string(got))

	_, in, err = parseFileFlags("list", []string{"--purpose", "assistants_output", "--limit", "5"}, &stderr)
	require.NoError(t, err)
	require.Equal(t, assistant.FilesInput{Op: assistant.OpFileList, Purpose: "assistants_output", Limit: 5}, in)
	stderr.Reset()
	_, _, err = parseFileFlags("delete", nil, &stderr)
	require.ErrorIs(t, err, errUsage)
	require.Contains(t, stderr.String(), "delete: file_id is empty")
}

// `starter run` takes the files of the run's message and tool resources.
func TestRunFlagsFiles(t *testing.T) {
	var stderr bytes.Buffer
	f, err := parseRunFlags([]string{"--assistant", "asst_1", "--message", "hi",
		"--attach", "file-a:code_interpreter,file_search", "--attach", "file-b", "--image", "file-c", "--image", "https://x/y.png",
		"--image-detail", "low", "--code-file", "file-d", "--vector-store", "vs_1"}, &stderr)
	require.NoError(t, err, stderr.String())
	require.Equal(t, []assistant.Attachment{{FileID: "file-a", Tools: []string{"code_interpreter", "file_search"}}, {FileID: "file-b", Tools: []string{}}}, f.req.Attachments)
	require.Equal(t, []assistant.ImagePart{{FileID: "file-c", Detail: "low"}, {URL: "https://x/y.png", Detail: "low"}}, f.req.Images)
	require.Equal(t, &assistant.ToolResources{CodeInterpreter: &assistant.CodeInterpreterResources{FileIDs: []string{"file-d"}},
		FileSearch: &assistant.FileSearchResources{VectorStoreIDs: []string{"vs_1"}}}, f.req.ToolResources)

	stderr.Reset()
	_, err = parseRunFlags([]string{"--assistant", "asst_1", "--message", "hi", "--attach", "file-a:retrieval"}, &stderr)
	require.ErrorIs(t, err, errUsage)
	require.Contains(t, stderr.String(), `attachments[0].tools[0] is "retrieval"`)
}

// The run's files and citations are printed after the reply.
func TestReportPrintsFiles(t *testing.T) {
	var out, errOut bytes.Buffer
	report(&out, &errOut, false, output{Status: "completed", Reply: "r", FileIDs: []string{"file-a", "file-b"},
		Annotations: []assistant.Annotation{{Type: "file_citation", FileID: "file-a", StartIndex: 3, EndIndex: 9, Filename: "a.pdf"}}}, 0)
	require.Contains(t, out.String(), "  file_citation file-a at 3..9 a.pdf\n")
	require.Contains(t, out.String(), "files:    file-a file-b\n")
	printFiles(&out, assistant.FilesResult{Files: []assistant.FileInfo{{ID: "file-a", Filename: "a.csv", Bytes: 4, Purpose: "assistants"}}, HasMore: true, Next: "file-a"}, false)
	require.True(t, strings.HasSuffix(out.String(), "file-a\ta.csv\t4 bytes\tassistants\nmore: --after file-a\n"), out.String())
}
