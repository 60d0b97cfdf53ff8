package integration

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	tclient "go.temporal.io/sdk/client"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// An uploaded file attached to a run's message, with an image part, reaches
// the API on both protocols through the worker: the emulator's reply lists
// the files it was given (on responses the code_interpreter attachment is in
// the tool's container), the Result records their IDs and the reply's file
// citation; the client lists, reads and deletes the files.
func TestFilesUploadAndAttachmentRun(t *testing.T) {
	for _, p := range protocols {
		t.Run(p.name, func(t *testing.T) {
			e, _ := protocolEnv(t, p, openaitest.Options{})
			ctx := e.ctx(90 * time.Second)
			data, err := e.client.UploadFile(ctx, assistant.FileUpload{Filename: "sales.csv", Content: []byte("q,amount\n1,10\n2,32\n")})
			require.NoError(t, err)
			require.Equal(t, int64(19), data.Bytes)
			require.Equal(t, assistant.PurposeAssistants, data.Purpose)
			chart := []byte("\x89PNG\r\n\x1a\n")
			img, err := e.client.UploadFile(ctx, assistant.FileUpload{Filename: "chart.png", Purpose: assistant.PurposeVision, Content: chart})
			require.NoError(t, err)

			run, err := e.client.StartRun(ctx, assistant.RunRequest{AssistantID: p.assistant(e), Message: "Sum the amounts\ncite: " + data.ID,
				Attachments: []assistant.Attachment{{FileID: data.ID, Tools: []string{assistant.ToolCodeInterpreter}}},
				Images:      []assistant.ImagePart{{FileID: img.ID, Detail: "low"}}},
				client.WithWorkflowID("golden-files-run-"+p.name))
			require.NoError(t, err)
			res, err := run.Result(ctx)
			require.NoError(t, err)
			require.Equal(t, assistant.StatusCompleted, res.Status, "%+v", res.Error)
			require.Contains(t, res.Reply, data.ID+" (code_interpreter)")
			require.Contains(t, res.Reply, img.ID+" (image)")
			require.Equal(t, []string{data.ID, img.ID}, res.FileIDs)
			require.Len(t, res.Annotations, 1)
			ann := res.Annotations[0]
			require.Equal(t, "file_citation", ann.Type)
			require.Equal(t, data.ID, ann.FileID)
			require.True(t, strings.HasPrefix(string([]rune(res.Reply)[ann.StartIndex:]), "【0†source】"), "the index points at the marker")
			if p.name == "assistants" {
				e.saveGolden(ctx, "run_files", run.WorkflowID, run.WorkflowRunID)
			}

			list, err := e.client.ListFiles(ctx, assistant.PurposeVision, 0, "")
			require.NoError(t, err)
			require.Len(t, list.Files, 1)
			content, err := e.client.FileContent(ctx, img.ID)
			require.NoError(t, err)
			require.Equal(t, chart, content)
			_, err = e.client.FileContent(ctx, data.ID)
			require.ErrorContains(t, err, "Not allowed to download files of purpose: assistants")
			require.NoError(t, e.client.DeleteFile(ctx, data.ID))
			_, err = e.client.GetFile(ctx, data.ID)
			require.ErrorContains(t, err, "404")
			require.Equal(t, 2, e.emu.Stats().FilesUploaded)
		})
	}
}

// An upload whose answer is lost after the API stored the file (the
// connection dropped after the commit) is retried by Temporal; the retry
// finds the stored file and adopts it: one file at the emulator, one upload
// request that committed, the workflow's result naming that file.
func TestFilesUploadAnswerLostNoDuplicate(t *testing.T) {
	e, _ := protocolEnv(t, protocols[0], openaitest.Options{})
	ctx := e.ctx(60 * time.Second)
	var mu sync.Mutex
	var committed []string
	e.emu.OnCommit(func(op, id string) {
		if op == "file.create" {
			mu.Lock()
			committed = append(committed, id)
			mu.Unlock()
		}
	})
	e.emu.InjectFault(openaitest.Fault{Method: http.MethodPost, Route: "/v1/files", AfterCommit: true, Drop: true})
	in := assistant.FilesInput{Op: assistant.OpFileUpload, Upload: &assistant.FileUpload{Filename: "notes.txt", Content: []byte("remember the milk")}}
	start := time.Now()
	wr, err := e.tc.ExecuteWorkflow(ctx, tclient.StartWorkflowOptions{ID: "golden-files-upload-lost", TaskQueue: e.taskQueue},
		assistant.WorkflowFiles, in)
	require.NoError(t, err)
	var res assistant.FilesResult
	require.NoError(t, wr.Get(ctx, &res))

	t.Logf("upload with its answer lost: done in %v", time.Since(start).Round(time.Millisecond))
	require.True(t, res.Adopted, "the retry adopted the stored file")
	mu.Lock()
	require.Equal(t, []string{res.File.ID}, committed)
	mu.Unlock()
	st := e.emu.Stats()
	require.Equal(t, 1, st.FilesUploaded, "one file at the API")
	require.Equal(t, 1, st.Requests["POST /v1/files"], "the retry did not upload again")
	require.Equal(t, 1, st.Requests["GET /v1/files"], "it looked once")
	e.saveGolden(ctx, "files_upload_lost", wr.GetID(), wr.GetRunID())
}
