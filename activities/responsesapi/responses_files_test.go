package responsesapi

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/openai/openai-go/v3/responses"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// A run's files on the responses protocol: the image an input_image part, a
// plain attachment an input_file part, a code_interpreter attachment and the
// code files of tool_resources the code_interpreter container, the vector
// stores file_search's; the reply's citation is read; and the run's next
// response (after tool outputs) repeats the built-in tools.
func TestResponsesRunFiles(t *testing.T) {
	b, srv := newResponsesBackend(t)
	ctx := context.Background()
	up := func(name, purpose string) string {
		f, err := b.UploadFile(ctx, assistant.FileUpload{Filename: name, Purpose: purpose, Content: []byte("x")})
		require.NoError(t, err)
		return f.ID
	}
	data, code, doc, img := up("data.csv", ""), up("lib.py", ""), up("doc.pdf", assistant.PurposeUserData), up("a.png", assistant.PurposeVision)
	conv, err := b.CreateThread(ctx)
	require.NoError(t, err)
	in := activities.StartRunInput{ThreadID: conv, AssistantID: "default", Message: "look\ncite: " + doc,
		Attachments: []assistant.Attachment{{FileID: data, Tools: []string{assistant.ToolCodeInterpreter}}, {FileID: doc, Tools: []string{}}},
		Images:      []assistant.ImagePart{{FileID: img}},
		ToolResources: &assistant.ToolResources{CodeInterpreter: &assistant.CodeInterpreterResources{FileIDs: []string{code, data}},
			FileSearch: &assistant.FileSearchResources{VectorStoreIDs: []string{"vs_1"}}}}
	params, err := b.runParams(in, "wf/1")
	require.NoError(t, err)
	raw, err := json.Marshal(params)
	require.NoError(t, err)
	var sent struct {
		Input []struct {
			Content []map[string]any `json:"content"`
		} `json:"input"`
		Tools []map[string]any `json:"tools"`
	}
	require.NoError(t, json.Unmarshal(raw, &sent))
	require.Equal(t, []map[string]any{
		{"type": "input_text", "text": "look\ncite: " + doc},
		{"type": "input_image", "file_id": img, "detail": "auto"}, // detail is required
		{"type": "input_file", "file_id": doc},
	}, sent.Input[0].Content)
	tools := sent.Tools[len(sent.Tools)-2:]
	require.Equal(t, map[string]any{"type": "code_interpreter", "container": map[string]any{"type": "auto", "file_ids": []any{data, code}}}, tools[0])
	require.Equal(t, map[string]any{"type": "file_search", "vector_store_ids": []any{"vs_1"}}, tools[1])

	st, err := b.CreateRun(ctx, in, "wf/1")
	require.NoError(t, err)
	st = settled(t, b, st)
	require.Equal(t, assistant.StatusCompleted, st.Status)
	require.Equal(t, "Echo: look\nFiles: "+img+" (image), "+doc+" (file), "+data+" (code_interpreter), "+code+" (code_interpreter) 【0†source】", st.Reply.Text)
	at := int64(utf8.RuneCountInString(st.Reply.Text[:strings.Index(st.Reply.Text, "【")]))
	require.Equal(t, []assistant.Annotation{{Type: "file_citation", FileID: doc, Filename: "doc.pdf", StartIndex: at, EndIndex: at}}, st.Reply.Annotations)

	// A tool round: the next response keeps the code_interpreter container
	// and the vector store.
	in.Message, in.Images, in.Attachments = "call: get_weather {}", nil, nil
	st, err = b.CreateRun(ctx, in, "wf/2")
	require.NoError(t, err)
	st = settled(t, b, st)
	require.Equal(t, assistant.StatusRequiresAction, st.Status)
	next, err := b.SubmitToolOutputs(ctx, conv, st.APIRunID, []assistant.ToolOutput{{ToolCallID: st.ToolCalls[0].ID, Output: "sunny"}}, nil)
	require.NoError(t, err)
	resp, err := b.client.Responses.Get(ctx, next.APIRunID, responses.ResponseGetParams{})
	require.NoError(t, err)
	var types []string
	for _, tool := range resp.Tools {
		types = append(types, tool.Type)
	}
	require.Equal(t, []string{"function", "code_interpreter", "file_search"}, types)
	require.Equal(t, 4, srv.Stats().FilesUploaded)
}

// What has no equivalent on the responses protocol is refused before
// anything is sent, naming the field: an attachment for file_search (the
// Assistants API makes a vector store of it) and files in an assistant
// message.
func TestResponsesRefusesFilesWithoutEquivalent(t *testing.T) {
	b, srv := newResponsesBackend(t)
	ctx := context.Background()
	for _, tc := range []struct {
		in   activities.StartRunInput
		want string
	}{
		{activities.StartRunInput{Attachments: []assistant.Attachment{{FileID: "file-1", Tools: []string{assistant.ToolFileSearch}}}},
			"message.attachments[0].tools names file_search, which has no equivalent on the responses protocol"},
		{activities.StartRunInput{Overrides: &assistant.RunOverrides{AdditionalMessages: []assistant.Message{
			{Role: assistant.RoleUser, Content: "a"}, {Role: assistant.RoleAssistant, Content: "b", Images: []assistant.ImagePart{{URL: "https://x/y.png"}}}}}},
			"overrides.additional_messages[1] is an assistant message with files"},
	} {
		tc.in.ThreadID, tc.in.AssistantID, tc.in.Message = "conv_1", "default", "hi"
		_, err := b.CreateRun(ctx, tc.in, "wf/1")
		var app *temporal.ApplicationError
		require.ErrorAs(t, err, &app)
		require.Equal(t, assistant.ErrorTypeInvalidInput, app.Type())
		require.True(t, app.NonRetryable())
		require.Contains(t, app.Error(), tc.want)
	}
	require.Zero(t, srv.Stats().ResponsesCreated)
}
