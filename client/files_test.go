package client

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	tclient "go.temporal.io/sdk/client"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// filesRecorder records the Files workflow's start and refuses it.
type filesRecorder struct {
	tclient.Client
	opts     tclient.StartWorkflowOptions
	workflow any
	args     []any
}

func (r *filesRecorder) ExecuteWorkflow(_ context.Context, o tclient.StartWorkflowOptions, wf any, args ...any) (tclient.WorkflowRun, error) {
	r.opts, r.workflow, r.args = o, wf, args
	return nil, errors.New("recorded")
}

// An upload starts the Files workflow with the file in its input; the
// summary, which Temporal does not encrypt, names the size, never the
// file's name; a file too large is refused before anything is started.
func TestUploadFileStartsFilesWorkflow(t *testing.T) {
	rec := &filesRecorder{}
	c := New(rec, Options{TaskQueue: "q"})
	up := assistant.FileUpload{Filename: "salaries-2025.csv", Content: []byte("a,b")}
	_, err := c.UploadFile(context.Background(), up)
	require.ErrorContains(t, err, "recorded")
	require.Equal(t, assistant.WorkflowFiles, rec.workflow)
	require.True(t, strings.HasPrefix(rec.opts.ID, "files-upload-"), rec.opts.ID)
	require.Equal(t, "upload file (3 bytes)", rec.opts.StaticSummary)
	require.Equal(t, []any{assistant.FilesInput{Op: assistant.OpFileUpload, Upload: &up}}, rec.args)

	_, err = New(nil, Options{TaskQueue: "q"}).UploadFile(context.Background(),
		assistant.FileUpload{Filename: "big", Content: make([]byte, assistant.MaxFileBytes+1)})
	require.ErrorContains(t, err, "invalid files operation: upload.content is 589822 bytes")
	_, err = New(nil, Options{TaskQueue: "q"}).FileContent(context.Background(), "")
	require.ErrorContains(t, err, "content: file_id is empty")
}
