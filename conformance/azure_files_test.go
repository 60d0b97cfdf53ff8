package conformance_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// TestAzureFilesConform: the files requests, and a run whose message
// attaches a file with tool resources on its thread, on Azure OpenAI (key,
// Entra ID) and Foundry, each checked against Azure's REST description
// (paths under the service's prefix, one api-version, its credentials).
// The description (2023-11-06-beta) has no file-content operation, so the
// content read is left to TestWorkerRequestsConform.
func TestAzureFilesConform(t *testing.T) {
	for _, tc := range []struct {
		name string
		mode openaitest.AzureMode
		key  string
	}{
		{"azure openai api-key", openaitest.AzureOpenAI, "az-key"},
		{"foundry entra id", openaitest.AzureFoundry, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cred := &issuerCredential{tokens: openaitest.NewTokens(time.Minute), ttl: time.Minute}
			w, chk := azureWorker(t, tc.mode, tc.key, cred)
			var up assistant.FilesResult
			w.must(&up, w.acts.ManageFiles, assistant.FilesInput{Op: assistant.OpFileUpload, Since: 1,
				Upload: &assistant.FileUpload{Filename: "sales.csv", Content: []byte("q,amount\n1,10\n")}})
			id := up.File.ID
			for _, in := range []assistant.FilesInput{{Op: assistant.OpFileList, Limit: 5, Purpose: "assistants"}, {Op: assistant.OpFileGet, FileID: id}} {
				w.must(nil, w.acts.ManageFiles, in)
			}
			var asst string
			w.must(&asst, w.acts.CreateAssistant, assistant.CreateAssistantInput{Name: "azure", Model: "gpt-4o"})
			var th activities.CreateThreadResult
			w.must(&th, w.acts.CreateThread, activities.CreateThreadInput{})
			var st assistant.RunState
			w.must(&st, w.acts.StartRun, activities.StartRunInput{ThreadID: th.ThreadID, AssistantID: asst, IdempotencyKey: "wf/1",
				Message: "sum it", Follow: true, Attachments: []assistant.Attachment{{FileID: id, Tools: []string{assistant.ToolCodeInterpreter}}},
				ToolResources: &assistant.ToolResources{CodeInterpreter: &assistant.CodeInterpreterResources{FileIDs: []string{id}}}})
			require.Contains(t, st.Reply.Text, id+" (code_interpreter)")
			w.must(nil, w.acts.ManageFiles, assistant.FilesInput{Op: assistant.OpFileDelete, FileID: id})
			require.Empty(t, chk.Violations())
			seen := chk.Seen()
			for _, op := range []string{"microsoftAzureCreatefile", "microsoftAzureListfiles", "microsoftAzureRetrievefile", "microsoftAzureDeletefile"} {
				require.Positive(t, seen[op], "%s sent", op)
			}
		})
	}
}
