package activities_test

import (
	"strings"
	"testing"

	"github.com/openai/openai-go/v3"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// files runs one ManageFiles operation.
func (h *harness) files(in assistant.FilesInput) (assistant.FilesResult, error) {
	var res assistant.FilesResult
	err := h.exec(&res, h.acts.ManageFiles, in)
	return res, err
}

// ManageFiles against the emulator: upload, get, list (pages), content,
// delete; a first attempt never looks for an earlier upload (a second
// upload of the same file is a file of its own).
func TestManageFiles(t *testing.T) {
	h := newHarness(t, harnessConfig{})
	up := func(name, purpose string) assistant.FileInfo {
		res, err := h.files(assistant.FilesInput{Op: assistant.OpFileUpload, Since: 1,
			Upload: &assistant.FileUpload{Filename: name, Purpose: purpose, Content: []byte("a,b\n")}})
		require.NoError(t, err)
		require.False(t, res.Adopted)
		return *res.File
	}
	a, b := up("a.csv", ""), up("a.csv", assistant.PurposeUserData)
	c := up("a.csv", "")
	require.NotEqual(t, a.ID, c.ID, "the same file twice, deliberately: two files")
	require.Equal(t, assistant.FileInfo{ID: a.ID, Filename: "a.csv", Bytes: 4, Purpose: "assistants", CreatedAt: a.CreatedAt, Status: "processed"}, a)
	require.Zero(t, h.srv.Stats().Requests["GET /v1/files"], "no look on a first attempt")

	res, err := h.files(assistant.FilesInput{Op: assistant.OpFileGet, FileID: b.ID})
	require.NoError(t, err)
	require.Equal(t, b, *res.File)
	res, err = h.files(assistant.FilesInput{Op: assistant.OpFileList, Limit: 2})
	require.NoError(t, err)
	require.Equal(t, []string{c.ID, b.ID}, []string{res.Files[0].ID, res.Files[1].ID})
	require.True(t, res.HasMore)
	res, err = h.files(assistant.FilesInput{Op: assistant.OpFileList, Limit: 2, After: res.Next})
	require.NoError(t, err)
	require.Equal(t, a.ID, res.Files[0].ID)
	require.False(t, res.HasMore)
	res, err = h.files(assistant.FilesInput{Op: assistant.OpFileList, Purpose: assistant.PurposeUserData})
	require.NoError(t, err)
	require.Len(t, res.Files, 1)

	res, err = h.files(assistant.FilesInput{Op: assistant.OpFileContent, FileID: b.ID})
	require.NoError(t, err)
	require.Equal(t, []byte("a,b\n"), res.Content)
	_, err = h.files(assistant.FilesInput{Op: assistant.OpFileContent, FileID: a.ID})
	app := appError(t, err)
	require.Equal(t, assistant.ErrorTypeBadRequest, app.Type())
	require.Contains(t, app.Error(), "Not allowed to download files of purpose: assistants")

	res, err = h.files(assistant.FilesInput{Op: assistant.OpFileDelete, FileID: a.ID})
	require.NoError(t, err)
	require.True(t, res.Deleted)
	_, err = h.files(assistant.FilesInput{Op: assistant.OpFileDelete, FileID: a.ID})
	require.Equal(t, assistant.ErrorTypeNotFound, appError(t, err).Type(), "a first attempt's 404 is the caller's wrong ID")
	_, err = h.files(assistant.FilesInput{Op: assistant.OpFileUpload, Upload: &assistant.FileUpload{Filename: "x"}})
	require.Equal(t, assistant.ErrorTypeInvalidInput, appError(t, err).Type())
}

// A file larger than a result carries is refused without reading it all,
// naming its size and the limit; non-retryable.
func TestManageFilesContentTooLarge(t *testing.T) {
	h := newHarness(t, harnessConfig{Server: openaitest.Options{}})
	big := strings.Repeat("x", assistant.MaxFileBytes+1)
	f, err := h.client.Files.New(t.Context(), fileParams("big.txt", big))
	require.NoError(t, err)
	_, err = h.files(assistant.FilesInput{Op: assistant.OpFileContent, FileID: f.ID})
	app := appError(t, err)
	require.Equal(t, assistant.ErrorTypeInvalidInput, app.Type())
	require.True(t, app.NonRetryable())
	require.Contains(t, app.Error(), "589822 bytes, 786434 once encoded; a result carries at most 589821 bytes of file")
	require.ErrorIs(t, activities.FileTooLarge(-1, 10), activities.ErrFileTooLarge)
}

// fileParams uploads content as a user_data file (which downloads).
func fileParams(name, content string) openai.FileNewParams {
	return openai.FileNewParams{File: openai.File(strings.NewReader(content), name, "text/plain"), Purpose: openai.FilePurposeUserData}
}
