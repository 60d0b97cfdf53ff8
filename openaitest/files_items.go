package openaitest

import (
	"encoding/json"
	"fmt"
)

// Files on the Responses protocol: input_image and input_file parts of a
// message item, and the code_interpreter tool's container files.

// inputFilePart checks an input_image or input_file part of a message item
// and returns it in wire shape, with the file it names (ok false for an
// image or file given by URL or inline data).
func inputFilePart(p string, raw json.RawMessage) (map[string]any, fileRef, bool, *apiError) {
	var part struct {
		Type     string  `json:"type"`
		FileID   *string `json:"file_id"`
		ImageURL *string `json:"image_url"`
		Detail   *string `json:"detail"`
		FileURL  *string `json:"file_url"`
		FileData *string `json:"file_data"`
		Filename *string `json:"filename"`
	}
	if json.Unmarshal(raw, &part) != nil {
		return nil, fileRef{}, false, invalid(p, "Invalid '%s': expected a content part object.", p)
	}
	var wire map[string]any
	_ = json.Unmarshal(raw, &wire)
	switch part.Type {
	case "input_image":
		if part.Detail == nil {
			return nil, fileRef{}, false, invalid(p+".detail", "Missing required parameter: '%s.detail'.", p)
		}
		switch *part.Detail {
		case "low", "high", "auto", "original":
		default:
			return nil, fileRef{}, false, invalid(p+".detail", "Invalid value: '%s'. Supported values are: 'low', 'high', 'auto' and 'original'.", *part.Detail)
		}
		return filePart(p, wire, part.FileID, part.ImageURL, "image")
	case "input_file":
		url := part.FileURL
		if url == nil {
			url = part.FileData
		}
		return filePart(p, wire, part.FileID, url, "file")
	}
	return nil, fileRef{}, false, invalid(p+".type", "Invalid value: '%s'. openaitest supports 'input_text', 'input_image' and 'input_file' parts.", part.Type)
}

// filePart requires exactly one of a file ID and a URL (or inline data).
func filePart(p string, wire map[string]any, fileID, url *string, use string) (map[string]any, fileRef, bool, *apiError) {
	switch {
	case fileID != nil && *fileID != "" && url != nil && *url != "":
		return nil, fileRef{}, false, invalid(p, "Invalid '%s': give a file_id or a URL, not both.", p)
	case fileID != nil && *fileID != "":
		return wire, fileRef{param: p + ".file_id", id: *fileID, use: use}, true, nil
	case url != nil && *url != "":
		return wire, fileRef{}, false, nil
	}
	return nil, fileRef{}, false, invalid(p, "Invalid '%s': a file_id or a URL is required.", p)
}

// toolFiles reads the files of the code_interpreter tools' containers
// ({"type": "auto", "file_ids": [...]}) and checks that file_search names
// its vector stores.
func toolFiles(tools []json.RawMessage) ([]fileRef, *apiError) {
	var refs []fileRef
	for i, raw := range tools {
		p := fmt.Sprintf("tools[%d]", i)
		var t struct {
			Type           string          `json:"type"`
			Container      json.RawMessage `json:"container"`
			VectorStoreIDs *[]string       `json:"vector_store_ids"`
		}
		if json.Unmarshal(raw, &t) != nil {
			return nil, invalid(p, "Invalid '%s': expected a tool object.", p)
		}
		switch t.Type {
		case "file_search":
			if t.VectorStoreIDs == nil {
				return nil, invalid(p+".vector_store_ids", "Missing required parameter: '%s.vector_store_ids'.", p)
			}
		case "code_interpreter":
			var id string
			if json.Unmarshal(t.Container, &id) == nil && id != "" {
				continue // a container that exists already
			}
			var auto struct {
				Type    string   `json:"type"`
				FileIDs []string `json:"file_ids"`
			}
			if json.Unmarshal(t.Container, &auto) != nil || auto.Type != "auto" {
				return nil, invalid(p+".container", "Invalid '%s.container': expected a container ID or {\"type\": \"auto\"}.", p)
			}
			for j, id := range auto.FileIDs {
				refs = append(refs, fileRef{param: fmt.Sprintf("%s.container.file_ids[%d]", p, j), id: id, use: "code_interpreter"})
			}
		}
	}
	return refs, nil
}

// userFiles are the files of the user message items, in order.
func userFiles(items []*item) []fileRef {
	var out []fileRef
	for _, it := range items {
		if it.kind == "message" && it.role == "user" {
			out = append(out, it.files...)
		}
	}
	return out
}
