package responsesapi

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// Every annotation kind of the Responses spec is read into the reply, its
// index or span moved to where its text sits in the joined reply. Before,
// the responses protocol dropped them all.
func TestResponsesAnnotationsRead(t *testing.T) {
	var items []wireItem
	require.NoError(t, json.Unmarshal([]byte(`[
	 {"type":"message","role":"assistant","content":[{"type":"output_text","text":"é see [1]",
	   "annotations":[{"type":"file_citation","file_id":"file-a","filename":"a.pdf","index":6},
	                  {"type":"url_citation","url":"https://x.example","title":"X","start_index":2,"end_index":5}]}]},
	 {"type":"message","role":"assistant","content":[{"type":"output_text","text":"chart at path",
	   "annotations":[{"type":"file_path","file_id":"file-b","index":9},
	                  {"type":"container_file_citation","container_id":"cntr_1","file_id":"file-c","filename":"c.png","start_index":0,"end_index":5}]}]}
	]`), &items))
	var st assistant.RunState
	settle(&st, items)
	require.Equal(t, "é see [1]\n\nchart at path", st.Reply.Text)
	require.Equal(t, []assistant.Annotation{
		{Type: "file_citation", FileID: "file-a", Filename: "a.pdf", StartIndex: 6, EndIndex: 6},
		{Type: "url_citation", URL: "https://x.example", Title: "X", StartIndex: 2, EndIndex: 5},
		{Type: "file_path", FileID: "file-b", StartIndex: 11 + 9, EndIndex: 11 + 9},
		{Type: "container_file_citation", ContainerID: "cntr_1", FileID: "file-c", Filename: "c.png", StartIndex: 11, EndIndex: 16},
	}, st.Reply.Annotations, "the second message starts at character 11 (9 + the blank line)")
}
