package integration

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	tclient "go.temporal.io/sdk/client"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// With the codec on, an uploaded file's name and content, and the bytes of
// a content read, are nowhere in the Files workflows' histories (plain, or
// base64 as a []byte travels in JSON) nor in the worker's debug log. The
// control: the same upload started by a client without the codec shows
// them in its input, so the scan would see them.
func TestCodecKeepsFilesOutOfHistory(t *testing.T) {
	e := newEnv(t, openaitest.Options{})
	codecVar := e.useCodec(newKeySpec(t, "it-files"))
	w := e.startWorker(codecVar, "LOG_LEVEL=debug")
	ctx := e.ctx(90 * time.Second)
	name := "canary-name-" + randomHex(t) + ".txt"
	content := []byte("canary-content-" + randomHex(t) + "!") // 30 bytes: whole base64 quanta
	canaries := []string{name, string(content), base64.StdEncoding.EncodeToString(content)}

	run := func(tc tclient.Client, id string, in assistant.FilesInput) (assistant.FilesResult, string) {
		wr, err := tc.ExecuteWorkflow(ctx, tclient.StartWorkflowOptions{ID: id, TaskQueue: e.taskQueue}, assistant.WorkflowFiles, in)
		require.NoError(t, err)
		var res assistant.FilesResult
		require.NoError(t, wr.Get(ctx, &res))
		return res, historyText(t, e, &client.Run{WorkflowID: wr.GetID(), WorkflowRunID: wr.GetRunID()})
	}
	up := assistant.FilesInput{Op: assistant.OpFileUpload, Upload: &assistant.FileUpload{Filename: name, Purpose: assistant.PurposeUserData, Content: content}}
	res, upHistory := run(e.tc, "files-codec-upload-"+randomHex(t), up)
	read, readHistory := run(e.tc, "files-codec-read-"+randomHex(t), assistant.FilesInput{Op: assistant.OpFileContent, FileID: res.File.ID})
	require.Equal(t, content, read.Content, "the client decrypts the result")
	for _, c := range canaries {
		require.NotContains(t, upHistory, c)
		require.NotContains(t, readHistory, c)
		require.NotContains(t, w.out.String(), c, "worker log")
	}

	plain, err := tclient.Dial(tclient.Options{HostPort: temporalAddr})
	require.NoError(t, err)
	defer plain.Close()
	wr, err := plain.ExecuteWorkflow(ctx, tclient.StartWorkflowOptions{ID: "files-codec-control-" + randomHex(t), TaskQueue: e.taskQueue},
		assistant.WorkflowFiles, up)
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		h := historyText(t, e, &client.Run{WorkflowID: wr.GetID(), WorkflowRunID: wr.GetRunID()})
		return strings.Contains(h, name) && strings.Contains(h, canaries[2])
	}, 30*time.Second, 200*time.Millisecond, "without the codec the input shows the file")
}
