package openaitest_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/conversations"
	"github.com/openai/openai-go/v3/responses"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/openaitest"
)

// upload sends content as a file named name with purpose.
func upload(t *testing.T, c openai.Client, name, purpose, content string) *openai.FileObject {
	t.Helper()
	f, err := c.Files.New(context.Background(), openai.FileNewParams{
		File: openai.File(strings.NewReader(content), name, "text/csv"), Purpose: openai.FilePurpose(purpose)})
	require.NoError(t, err)
	return f
}

// TestFilesEndpoints: upload (multipart), get, list newest first with
// purpose and pages, content (refused for purpose assistants, as OpenAI
// refuses it), delete, and the refusals of a bad upload.
func TestFilesEndpoints(t *testing.T) {
	srv, c := start(t, openaitest.Options{})
	ctx := context.Background()
	a := upload(t, c, "a.csv", "assistants", "x,y\n1,2\n")
	require.True(t, strings.HasPrefix(a.ID, "file-"), a.ID)
	require.Equal(t, int64(8), a.Bytes)
	require.Equal(t, "a.csv", a.Filename)
	require.Equal(t, openai.FileObjectPurposeAssistants, a.Purpose)
	b := upload(t, c, "b.txt", "user_data", "hello")
	got, err := c.Files.Get(ctx, b.ID)
	require.NoError(t, err)
	require.Equal(t, "b.txt", got.Filename)

	page, err := c.Files.List(ctx, openai.FileListParams{})
	require.NoError(t, err)
	require.Equal(t, []string{b.ID, a.ID}, []string{page.Data[0].ID, page.Data[1].ID}, "newest first")
	page, err = c.Files.List(ctx, openai.FileListParams{Purpose: openai.String("assistants")})
	require.NoError(t, err)
	require.Len(t, page.Data, 1)
	page, err = c.Files.List(ctx, openai.FileListParams{Limit: openai.Int(1)})
	require.NoError(t, err)
	require.True(t, page.HasMore)
	page, err = c.Files.List(ctx, openai.FileListParams{Limit: openai.Int(1), After: openai.String(page.Data[0].ID)})
	require.NoError(t, err)
	require.Equal(t, a.ID, page.Data[0].ID)
	require.False(t, page.HasMore)

	resp, err := c.Files.Content(ctx, b.ID)
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	require.Equal(t, "hello", string(body))
	_, err = c.Files.Content(ctx, a.ID)
	require.Contains(t, apiError(t, err, http.StatusBadRequest).Message, "Not allowed to download files of purpose: assistants")

	del, err := c.Files.Delete(ctx, a.ID)
	require.NoError(t, err)
	require.True(t, del.Deleted)
	_, err = c.Files.Get(ctx, a.ID)
	apiError(t, err, http.StatusNotFound)

	_, err = c.Files.New(ctx, openai.FileNewParams{File: openai.File(strings.NewReader(""), "e.txt", "text/plain"), Purpose: "assistants"})
	require.Contains(t, apiError(t, err, http.StatusBadRequest).Message, "File is empty")
	_, err = c.Files.New(ctx, openai.FileNewParams{File: openai.File(strings.NewReader("x"), "e.txt", "text/plain"), Purpose: "music"})
	require.Equal(t, "purpose", apiError(t, err, http.StatusBadRequest).Param)
	require.Equal(t, 2, srv.Stats().FilesUploaded)
}

// TestFilesUploadAnswerLost: an upload whose answer is lost after it
// committed is stored (and counted) all the same; the client sees a 5xx.
func TestFilesUploadAnswerLost(t *testing.T) {
	srv, c := start(t, openaitest.Options{})
	var committed []string
	srv.OnCommit(func(op, id string) {
		if op == "file.create" {
			committed = append(committed, id)
		}
	})
	srv.InjectFault(openaitest.Fault{Method: http.MethodPost, Route: "/v1/files", Status: 502, AfterCommit: true})
	_, err := c.Files.New(context.Background(), openai.FileNewParams{File: openai.File(strings.NewReader("x"), "a.txt", "text/plain"), Purpose: "assistants"})
	apiError(t, err, http.StatusBadGateway)
	require.Equal(t, 1, srv.Stats().FilesUploaded)
	require.Len(t, committed, 1)
}

// TestMessageFiles: a run's message may attach files for the tools and
// carry image parts; the scripted reply lists them, a cite: line becomes a
// file_citation annotation, and a file the emulator does not have is
// refused naming the field.
func TestMessageFiles(t *testing.T) {
	_, c := start(t, openaitest.Options{ModelLatency: time.Millisecond})
	ctx := context.Background()
	data := upload(t, c, "data.csv", "assistants", "1,2")
	img := upload(t, c, "chart.png", "vision", "png")
	asst := newAssistant(t, c)
	th, err := c.Beta.Threads.New(ctx, openai.BetaThreadNewParams{})
	require.NoError(t, err)
	msg := openai.BetaThreadRunNewParamsAdditionalMessage{Role: "user",
		Content: openai.BetaThreadRunNewParamsAdditionalMessageContentUnion{OfArrayOfContentParts: []openai.MessageContentPartParamUnion{
			{OfText: &openai.TextContentBlockParam{Text: "sum it\ncite: " + data.ID}},
			{OfImageFile: &openai.ImageFileContentBlockParam{ImageFile: openai.ImageFileParam{FileID: img.ID, Detail: "low"}}},
			{OfImageURL: &openai.ImageURLContentBlockParam{ImageURL: openai.ImageURLParam{URL: "https://example.com/a.png"}}},
		}},
		Attachments: []openai.BetaThreadRunNewParamsAdditionalMessageAttachment{{FileID: openai.String(data.ID),
			Tools: []openai.BetaThreadRunNewParamsAdditionalMessageAttachmentToolUnion{{OfCodeInterpreter: &openai.CodeInterpreterToolParam{}}}}},
	}
	run, err := c.Beta.Threads.Runs.New(ctx, th.ID, openai.BetaThreadRunNewParams{AssistantID: asst.ID,
		AdditionalMessages: []openai.BetaThreadRunNewParamsAdditionalMessage{msg}})
	require.NoError(t, err)
	require.Equal(t, openai.RunStatusCompleted, await(t, c, run).Status)
	msgs, err := c.Beta.Threads.Messages.List(ctx, th.ID, openai.BetaThreadMessageListParams{RunID: openai.String(run.ID)})
	require.NoError(t, err)
	text := msgs.Data[0].Content[0].Text
	require.Equal(t, "Echo: sum it\nFiles: "+data.ID+" (code_interpreter), "+img.ID+" (image) 【0†source】", text.Value)
	require.Len(t, text.Annotations, 1)
	ann := text.Annotations[0]
	require.Equal(t, "file_citation", ann.Type)
	require.Equal(t, data.ID, ann.FileCitation.FileID)
	require.Equal(t, "【0†source】", string([]rune(text.Value)[ann.StartIndex:ann.EndIndex]), "indices count characters")

	msg.Attachments[0].FileID = openai.String("file-missing")
	_, err = c.Beta.Threads.Runs.New(ctx, th.ID, openai.BetaThreadRunNewParams{AssistantID: asst.ID,
		AdditionalMessages: []openai.BetaThreadRunNewParamsAdditionalMessage{msg}})
	require.Equal(t, "additional_messages[0].attachments[0].file_id", apiError(t, err, http.StatusBadRequest).Param)
	_, err = c.Beta.Threads.Update(ctx, th.ID, openai.BetaThreadUpdateParams{ToolResources: openai.BetaThreadUpdateParamsToolResources{
		CodeInterpreter: openai.BetaThreadUpdateParamsToolResourcesCodeInterpreter{FileIDs: []string{"file-missing"}}}})
	require.Equal(t, "tool_resources.code_interpreter.file_ids[0]", apiError(t, err, http.StatusBadRequest).Param)
}

// TestResponseFiles: input_image and input_file parts and the
// code_interpreter container's files reach the scripted reply; a cite:
// line is an output_text file_citation; an unknown file is refused.
func TestResponseFiles(t *testing.T) {
	_, c := start(t, openaitest.Options{ModelLatency: time.Millisecond})
	ctx := context.Background()
	data := upload(t, c, "data.csv", "assistants", "1,2")
	doc := upload(t, c, "doc.pdf", "user_data", "%PDF")
	conv, err := c.Conversations.New(ctx, conversations.ConversationNewParams{})
	require.NoError(t, err)
	params := func(fileID string) responses.ResponseNewParams {
		p := newResponse(conv.ID, "")
		p.Input = responses.ResponseNewParamsInputUnion{OfInputItemList: responses.ResponseInputParam{
			responses.ResponseInputItemParamOfMessage(responses.ResponseInputMessageContentListParam{
				{OfInputText: &responses.ResponseInputTextParam{Text: "read\ncite: " + doc.ID}},
				{OfInputImage: &responses.ResponseInputImageParam{ImageURL: openai.String("https://example.com/a.png"), Detail: "auto"}},
				{OfInputFile: &responses.ResponseInputFileParam{FileID: openai.String(fileID)}},
			}, responses.EasyInputMessageRoleUser)}}
		p.Tools = []responses.ToolUnionParam{{OfCodeInterpreter: &responses.ToolCodeInterpreterParam{Container: responses.ToolCodeInterpreterContainerUnionParam{
			OfCodeInterpreterToolAuto: &responses.ToolCodeInterpreterContainerCodeInterpreterContainerAutoParam{FileIDs: []string{data.ID}}}}}}
		return p
	}
	resp, err := c.Responses.New(ctx, params(doc.ID))
	require.NoError(t, err)
	for resp.Status != responses.ResponseStatusCompleted {
		time.Sleep(2 * time.Millisecond)
		resp, err = c.Responses.Get(ctx, resp.ID, responses.ResponseGetParams{})
		require.NoError(t, err)
	}
	require.Equal(t, "Echo: read\nFiles: "+doc.ID+" (file), "+data.ID+" (code_interpreter) 【0†source】", resp.OutputText())
	ann := resp.Output[0].Content[0].Annotations[0]
	require.Equal(t, "file_citation", ann.Type)
	require.Equal(t, doc.ID, ann.FileID)
	require.Equal(t, "doc.pdf", ann.Filename)

	_, err = c.Responses.New(ctx, params("file-missing"))
	require.Equal(t, "input[0].content[2].file_id", apiError(t, err, http.StatusBadRequest).Param)
}

// TestAzureFilesAtEitherAPIVersion: Azure OpenAI serves /openai/files at
// the api-versions of both protocols (a worker on the responses protocol
// sends its Responses api-version everywhere); another is refused.
func TestAzureFilesAtEitherAPIVersion(t *testing.T) {
	_, base := openaitest.NewTestServer(t, openaitest.Options{Azure: &openaitest.AzureOptions{Mode: openaitest.AzureOpenAI, APIKey: "az-key"}})
	for version, want := range map[string]int{"2024-05-01-preview": http.StatusOK, "2025-04-01-preview": http.StatusOK, "2023-01-01": http.StatusBadRequest} {
		req, err := http.NewRequest(http.MethodGet, base+"/openai/files?api-version="+version, nil)
		require.NoError(t, err)
		req.Header.Set("api-key", "az-key")
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		res.Body.Close()
		require.Equal(t, want, res.StatusCode, version)
	}
}
