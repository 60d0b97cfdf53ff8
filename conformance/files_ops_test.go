package conformance_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/conformance"
)

// file runs one ManageFiles operation.
func (w *worker) file(in assistant.FilesInput) (assistant.FilesResult, error) {
	var res assistant.FilesResult
	err := w.exec(&res, w.acts.ManageFiles, in)
	return res, err
}

// filesRound sends every files request the worker makes, and a run whose
// message carries attachments and image parts with tool resources, through
// the validated emulator (TestWorkerRequestsConform): the multipart upload
// against CreateFileRequest, the run's message parts and attachments against
// CreateMessageRequest (assistants) or the input parts and built-in tools of
// CreateResponse (responses).
func (w *worker) filesRound(t *testing.T, protocol, asst, threadID string) {
	up := func(name, purpose string) string {
		res, err := w.file(assistant.FilesInput{Op: assistant.OpFileUpload, Since: 1,
			Upload: &assistant.FileUpload{Filename: name, Purpose: purpose, Content: []byte("q,amount\n1,10\n")}})
		require.NoError(t, err)
		return res.File.ID
	}
	data, img, doc := up("sales.csv", ""), up("chart.png", assistant.PurposeVision), up("doc.pdf", assistant.PurposeUserData)
	for _, in := range []assistant.FilesInput{{Op: assistant.OpFileList, Limit: 2}, {Op: assistant.OpFileList, Purpose: "assistants"},
		{Op: assistant.OpFileGet, FileID: data}, {Op: assistant.OpFileContent, FileID: doc}} {
		_, err := w.file(in)
		require.NoError(t, err, "%s", in.Op)
	}
	in := activities.StartRunInput{ThreadID: threadID, AssistantID: asst, Message: "sum it\ncite: " + data, Follow: true,
		IdempotencyKey: "wf/files",
		Attachments:    []assistant.Attachment{{FileID: data, Tools: []string{assistant.ToolCodeInterpreter}}},
		Images:         []assistant.ImagePart{{FileID: img, Detail: "low"}, {URL: "https://example.com/a.png"}},
		ToolResources: &assistant.ToolResources{CodeInterpreter: &assistant.CodeInterpreterResources{FileIDs: []string{data}},
			FileSearch: &assistant.FileSearchResources{VectorStoreIDs: []string{"vs_conformance"}}}}
	if protocol == "assistants" {
		in.Attachments = append(in.Attachments, assistant.Attachment{FileID: doc, Tools: []string{assistant.ToolFileSearch}})
	} else {
		in.Attachments = append(in.Attachments, assistant.Attachment{FileID: doc, Tools: []string{}}) // input_file
	}
	if protocol == "assistants" { // an assistant with built-in tools and their resources
		_, err := w.op(assistant.AssistantsInput{Op: assistant.OpApply, Spec: assistant.AssistantSpec{Name: "files", Model: "gpt-4o",
			BuiltinTools:  []string{assistant.ToolCodeInterpreter, assistant.ToolFileSearch},
			ToolResources: &assistant.ToolResources{CodeInterpreter: &assistant.CodeInterpreterResources{FileIDs: []string{data}}}}})
		require.NoError(t, err)
	}
	var st assistant.RunState
	w.must(&st, w.acts.StartRun, in)
	require.Equal(t, assistant.StatusCompleted, st.Status)
	require.Contains(t, st.Reply.Text, data+" (code_interpreter")
	require.Len(t, st.Reply.Annotations, 1)
	for _, id := range []string{data, img, doc} {
		res, err := w.file(assistant.FilesInput{Op: assistant.OpFileDelete, FileID: id})
		require.NoError(t, err)
		require.True(t, res.Deleted)
	}
}

// TestCheckerCatchesBadUpload: the multipart upload is validated against
// CreateFileRequest like any JSON body: a purpose outside its enum is a
// violation naming the operation and the field.
func TestCheckerCatchesBadUpload(t *testing.T) {
	col := &collector{T: t}
	h := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"id":"file-1","object":"file","bytes":1,"created_at":1,"filename":"a","purpose":"assistants","status":"processed"}`))
	})
	_, url := conformance.NewServer(col, h)
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", "a.csv")
	require.NoError(t, err)
	_, _ = fw.Write([]byte("x"))
	require.NoError(t, mw.WriteField("purpose", "music"))
	require.NoError(t, mw.Close())
	req, err := http.NewRequest(http.MethodPost, url+"/files", &body)
	require.NoError(t, err)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	all := strings.Join(col.errs, "\n")
	require.Contains(t, all, "POST /files request")
	require.Contains(t, all, "purpose")
}
