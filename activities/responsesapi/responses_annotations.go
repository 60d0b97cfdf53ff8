package responsesapi

import (
	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// wireAnnotation is an output_text annotation (the spec's Annotation):
// file_citation {file_id, filename, index}, file_path {file_id, index},
// url_citation {url, title, start_index, end_index} or
// container_file_citation {container_id, file_id, filename, start_index,
// end_index}.
type wireAnnotation struct {
	Type        string `json:"type"`
	FileID      string `json:"file_id"`
	Filename    string `json:"filename"`
	Index       int64  `json:"index"`
	URL         string `json:"url"`
	Title       string `json:"title"`
	ContainerID string `json:"container_id"`
	StartIndex  int64  `json:"start_index"`
	EndIndex    int64  `json:"end_index"`
}

// annotation translates one; a point (index) becomes an empty span there.
func (a wireAnnotation) annotation() assistant.Annotation {
	out := assistant.Annotation{Type: a.Type, FileID: a.FileID, Filename: a.Filename, URL: a.URL, Title: a.Title,
		ContainerID: a.ContainerID, StartIndex: a.StartIndex, EndIndex: a.EndIndex}
	if a.Type == "file_citation" || a.Type == "file_path" {
		out.StartIndex, out.EndIndex = a.Index, a.Index
	}
	return out
}

// addReply appends the output_text parts of an assistant message, each with
// its annotations, to the reply.
func (it wireItem) addReply(reply *assistant.Reply) {
	for _, c := range it.Content {
		if c.Type != "output_text" && c.Type != "text" {
			continue
		}
		anns := make([]assistant.Annotation, 0, len(c.Annotations))
		for _, a := range c.Annotations {
			anns = append(anns, a.annotation())
		}
		activities.AppendReply(reply, c.Text, anns)
	}
}
