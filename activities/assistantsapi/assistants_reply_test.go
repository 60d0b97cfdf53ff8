package assistantsapi

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/openai/openai-go/v3"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// A reply made of several text parts (or messages) keeps each annotation on
// its span: indices, which the API counts in characters of their own part,
// move by the characters before the part in the joined reply. Before, they
// kept their own part's offsets and pointed into the first part.
func TestAddReplyMovesAnnotations(t *testing.T) {
	var m openai.Message
	require.NoError(t, json.Unmarshal([]byte(`{"id":"msg_1","role":"assistant","content":[
	  {"type":"text","text":{"value":"Voilà 【0†a】","annotations":[
	    {"type":"file_citation","text":"【0†a】","start_index":6,"end_index":11,"file_citation":{"file_id":"file-a"}}]}},
	  {"type":"image_file","image_file":{"file_id":"file-img"}},
	  {"type":"text","text":{"value":"see sandbox:/mnt/data/out.csv","annotations":[
	    {"type":"file_path","text":"sandbox:/mnt/data/out.csv","start_index":4,"end_index":29,"file_path":{"file_id":"file-b"}}]}}]}`), &m))
	var reply assistant.Reply
	addReply(&reply, m)
	require.Equal(t, "Voilà 【0†a】\n\nsee sandbox:/mnt/data/out.csv", reply.Text)
	runes := []rune(reply.Text)
	for _, a := range reply.Annotations {
		require.Equal(t, a.Text, string(runes[a.StartIndex:a.EndIndex]), "%s points at its text", a.Type)
	}
	require.Equal(t, "file-b", reply.Annotations[1].FileID)
	require.True(t, strings.HasSuffix(reply.Text, reply.Annotations[1].Text))
}
