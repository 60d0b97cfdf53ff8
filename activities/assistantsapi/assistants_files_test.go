package assistantsapi

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// A message's files on the create-run request: the text then the image
// parts, the attachments with their tools (the spec requires tools, so an
// attachment for no tool sends an empty list); the additional messages'
// alike.
func TestRunParamsCarryFiles(t *testing.T) {
	in := activities.StartRunInput{AssistantID: "asst_1", Message: "look",
		Attachments: []assistant.Attachment{{FileID: "file-a", Tools: []string{assistant.ToolCodeInterpreter, assistant.ToolFileSearch}}, {FileID: "file-b"}},
		Images:      []assistant.ImagePart{{FileID: "file-c", Detail: "high"}, {URL: "https://example.com/a.png"}},
		Overrides: &assistant.RunOverrides{AdditionalMessages: []assistant.Message{{Role: assistant.RoleAssistant, Content: "earlier",
			Attachments: []assistant.Attachment{{FileID: "file-d", Tools: []string{assistant.ToolFileSearch}}}}}}}
	raw, err := json.Marshal(runParams(in, "k"))
	require.NoError(t, err)
	var sent struct {
		AdditionalMessages []map[string]any `json:"additional_messages"`
	}
	require.NoError(t, json.Unmarshal(raw, &sent))
	require.Len(t, sent.AdditionalMessages, 2)
	require.Equal(t, map[string]any{"role": "assistant", "content": "earlier", "attachments": []any{
		map[string]any{"file_id": "file-d", "tools": []any{map[string]any{"type": "file_search"}}}}}, sent.AdditionalMessages[0])
	require.Equal(t, map[string]any{"role": "user",
		"content": []any{
			map[string]any{"type": "text", "text": "look"},
			map[string]any{"type": "image_file", "image_file": map[string]any{"file_id": "file-c", "detail": "high"}},
			map[string]any{"type": "image_url", "image_url": map[string]any{"url": "https://example.com/a.png"}},
		},
		"attachments": []any{
			map[string]any{"file_id": "file-a", "tools": []any{map[string]any{"type": "code_interpreter"}, map[string]any{"type": "file_search"}}},
			map[string]any{"file_id": "file-b", "tools": []any{}},
		}}, sent.AdditionalMessages[1])
}

// A run's tool resources go on its thread before the run (the create-run
// request has none), and the API (the emulator) refuses a file it does not
// have, naming the field.
func TestCreateRunSetsThreadResources(t *testing.T) {
	srv, url := openaitest.NewTestServer(t, openaitest.Options{ModelLatency: time.Millisecond})
	c := openai.NewClient(option.WithBaseURL(url), option.WithAPIKey("k"), option.WithMaxRetries(0))
	b := New(c)
	ctx := context.Background()
	f, err := b.UploadFile(ctx, assistant.FileUpload{Filename: "data.csv", Content: []byte("1,2")})
	require.NoError(t, err)
	asst, err := b.CreateAssistant(ctx, assistant.CreateAssistantInput{Name: "a", Model: "gpt-4o"})
	require.NoError(t, err)
	thread, err := b.CreateThread(ctx)
	require.NoError(t, err)
	in := activities.StartRunInput{ThreadID: thread, AssistantID: asst, Message: "hi",
		ToolResources: &assistant.ToolResources{CodeInterpreter: &assistant.CodeInterpreterResources{FileIDs: []string{f.ID}}}}
	_, err = b.CreateRun(ctx, in, "k1")
	require.NoError(t, err)
	th, err := c.Beta.Threads.Get(ctx, thread)
	require.NoError(t, err)
	require.Equal(t, []string{f.ID}, th.ToolResources.CodeInterpreter.FileIDs)
	require.Equal(t, 1, srv.Stats().Requests["POST /v1/threads/{thread_id}"])

	in.ToolResources.CodeInterpreter.FileIDs = []string{"file-missing"}
	_, err = b.CreateRun(ctx, in, "k2")
	var apiErr *openai.Error
	require.ErrorAs(t, err, &apiErr)
	require.Equal(t, "tool_resources.code_interpreter.file_ids[0]", apiErr.Param)
	require.Equal(t, 1, srv.Stats().RunsCreated, "no run without its resources")
}
