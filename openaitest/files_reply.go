package openaitest

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// citation is a file_citation of the scripted reply: a marker appended to
// the text, at character offsets start..end (the API counts characters).
type citation struct {
	fileID     string
	marker     string
	start, end int
}

// filedReply is the scripted model's answer to a run given files or cite:
// lines: the text, then the files line, then one marker per cited file.
func filedReply(text string, sc script) (string, []citation) {
	if line := filesLine(sc.files); line != "" {
		text += "\n" + line
	}
	var cites []citation
	for i, id := range sc.cites {
		marker := fmt.Sprintf("【%d†source】", i)
		start := utf8.RuneCountInString(text) + 1
		text += " " + marker
		cites = append(cites, citation{fileID: id, marker: marker, start: start, end: start + utf8.RuneCountInString(marker)})
	}
	return text, cites
}

// textContentCited is an Assistants text content part whose annotations are
// the citations (MessageContentTextAnnotationsFileCitationObject).
func textContentCited(text string, cites []citation) json.RawMessage {
	anns := []any{}
	for _, c := range cites {
		anns = append(anns, map[string]any{"type": "file_citation", "text": c.marker,
			"start_index": c.start, "end_index": c.end, "file_citation": map[string]any{"file_id": c.fileID}})
	}
	b, err := json.Marshal(map[string]any{"type": "text", "text": map[string]any{"value": text, "annotations": anns}})
	if err != nil {
		panic(fmt.Sprintf("openaitest: encode text content: %v", err))
	}
	return b
}

// responseAnnotations are the citations as Responses output_text annotations
// (FileCitationBody: a file, its name and the character index cited at).
// Call with s.mu held.
func (s *Server) responseAnnotations(cites []citation) []any {
	anns := []any{}
	for _, c := range cites {
		name := c.fileID
		if f, err := s.lookupFile(c.fileID); err == nil {
			name = f.filename
		}
		anns = append(anns, map[string]any{"type": "file_citation", "file_id": c.fileID, "filename": name, "index": c.start})
	}
	return anns
}
