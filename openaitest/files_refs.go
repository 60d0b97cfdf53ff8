package openaitest

import (
	"encoding/json"
	"fmt"
	"strings"
)

// fileRef is a file a request names: in a message's attachments or image
// parts, or in tool resources. The API refuses a request naming a file it
// does not have; the scripted model lists the files a run was given.
type fileRef struct {
	param string // where the request names it, for errors
	id    string
	use   string // "code_interpreter", "file_search", "code_interpreter+file_search", "image", "file"
}

// String is how the scripted model's reply lists the file.
func (f fileRef) String() string { return f.id + " (" + f.use + ")" }

// attachmentInput is one of CreateMessageRequest's attachments.
type attachmentInput struct {
	FileID *string `json:"file_id"`
	Tools  *[]struct {
		Type string `json:"type"`
	} `json:"tools"`
}

// messageFiles validates the files a message names: its attachments
// ({file_id, tools: [{type: code_interpreter|file_search}]}) and its
// image_file parts (image_url parts name no file, but are checked too).
func (in messageInput) messageFiles(param string) ([]fileRef, *apiError) {
	var refs []fileRef
	if len(in.Attachments) > 0 && string(in.Attachments) != "null" {
		var atts []attachmentInput
		if json.Unmarshal(in.Attachments, &atts) != nil {
			return nil, invalid(param+".attachments", "Invalid '%s.attachments': expected an array of objects.", param)
		}
		for i, a := range atts {
			ref, err := attachmentRef(fmt.Sprintf("%s.attachments[%d]", param, i), a)
			if err != nil {
				return nil, err
			}
			refs = append(refs, ref)
		}
	}
	var parts []json.RawMessage
	if json.Unmarshal(in.Content, &parts) != nil {
		return refs, nil // a string content has no parts
	}
	for i, raw := range parts {
		ref, ok, err := imageRef(fmt.Sprintf("%s.content[%d]", param, i), raw)
		if err != nil {
			return nil, err
		}
		if ok {
			refs = append(refs, ref)
		}
	}
	return refs, nil
}

// attachmentRef checks one attachment.
func attachmentRef(p string, a attachmentInput) (fileRef, *apiError) {
	if a.FileID == nil || *a.FileID == "" {
		return fileRef{}, invalid(p+".file_id", "Missing required parameter: '%s.file_id'.", p)
	}
	if a.Tools == nil {
		return fileRef{}, invalid(p+".tools", "Missing required parameter: '%s.tools'.", p)
	}
	var uses []string
	for j, t := range *a.Tools {
		if t.Type != "code_interpreter" && t.Type != "file_search" {
			return fileRef{}, invalid(fmt.Sprintf("%s.tools[%d].type", p, j), "Invalid value: '%s'. Supported values are: 'code_interpreter' and 'file_search'.", t.Type)
		}
		uses = append(uses, t.Type)
	}
	use := strings.Join(uses, "+")
	if use == "" {
		use = "file"
	}
	return fileRef{param: p + ".file_id", id: *a.FileID, use: use}, nil
}

// imageRef checks an image_file part ({image_file: {file_id, detail}}) or
// an image_url part ({image_url: {url, detail}}); ok when it names a file.
func imageRef(p string, raw json.RawMessage) (fileRef, bool, *apiError) {
	var part struct {
		Type      string `json:"type"`
		ImageFile *struct {
			FileID string `json:"file_id"`
			Detail string `json:"detail"`
		} `json:"image_file"`
		ImageURL *struct {
			URL    string `json:"url"`
			Detail string `json:"detail"`
		} `json:"image_url"`
	}
	if json.Unmarshal(raw, &part) != nil {
		return fileRef{}, false, nil // parseParts reports it
	}
	switch part.Type {
	case "image_file":
		if part.ImageFile == nil || part.ImageFile.FileID == "" {
			return fileRef{}, false, invalid(p+".image_file.file_id", "Missing required parameter: '%s.image_file.file_id'.", p)
		}
		if err := checkDetail(p+".image_file.detail", part.ImageFile.Detail); err != nil {
			return fileRef{}, false, err
		}
		return fileRef{param: p + ".image_file.file_id", id: part.ImageFile.FileID, use: "image"}, true, nil
	case "image_url":
		if part.ImageURL == nil || part.ImageURL.URL == "" {
			return fileRef{}, false, invalid(p+".image_url.url", "Missing required parameter: '%s.image_url.url'.", p)
		}
		return fileRef{}, false, checkDetail(p+".image_url.detail", part.ImageURL.Detail)
	}
	return fileRef{}, false, nil
}

// checkDetail accepts an image part's detail: auto, low or high.
func checkDetail(p, detail string) *apiError {
	switch detail {
	case "", "auto", "low", "high":
		return nil
	}
	return invalid(p, "Invalid value: '%s'. Supported values are: 'auto', 'low' and 'high'.", detail)
}

// checkFiles refuses a reference to a file the emulator does not have.
// Call with s.mu held.
func (s *Server) checkFiles(refs []fileRef) *apiError {
	for _, f := range refs {
		if !s.hasFile(f.id) {
			return invalid(f.param, "Invalid '%s': no file found with id '%s'.", f.param, f.id)
		}
	}
	return nil
}

// checkMessageFiles checks the files of messages. Call with s.mu held.
func (s *Server) checkMessageFiles(msgs []*message) *apiError {
	for _, m := range msgs {
		if err := s.checkFiles(m.files); err != nil {
			return err
		}
	}
	return nil
}

// toolResourceFiles reads the file IDs of tool_resources.code_interpreter
// (file_search names vector stores, which the emulator does not keep).
func toolResourceFiles(param string, raw json.RawMessage) ([]fileRef, *apiError) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var tr struct {
		CodeInterpreter *struct {
			FileIDs []string `json:"file_ids"`
		} `json:"code_interpreter"`
		FileSearch *struct {
			VectorStoreIDs []string `json:"vector_store_ids"`
		} `json:"file_search"`
	}
	if json.Unmarshal(raw, &tr) != nil {
		return nil, invalid(param, "Invalid '%s': expected an object.", param)
	}
	if tr.FileSearch != nil && len(tr.FileSearch.VectorStoreIDs) > 1 {
		return nil, invalid(param+".file_search.vector_store_ids", "Invalid '%s.file_search.vector_store_ids': array too long. Expected an array with maximum length 1.", param)
	}
	if tr.CodeInterpreter == nil {
		return nil, nil
	}
	if len(tr.CodeInterpreter.FileIDs) > 20 {
		return nil, invalid(param+".code_interpreter.file_ids", "Invalid '%s.code_interpreter.file_ids': array too long. Expected an array with maximum length 20.", param)
	}
	var refs []fileRef
	for i, id := range tr.CodeInterpreter.FileIDs {
		refs = append(refs, fileRef{param: fmt.Sprintf("%s.code_interpreter.file_ids[%d]", param, i), id: id, use: "code_interpreter"})
	}
	return refs, nil
}

// checkToolResources checks the files tool_resources names. Call with
// s.mu held.
func (s *Server) checkToolResources(param string, raw json.RawMessage) *apiError {
	refs, err := toolResourceFiles(param, raw)
	if err != nil {
		return err
	}
	return s.checkFiles(refs)
}

// filesLine is what the scripted model adds to its reply when the run was
// given files: "Files: <id> (<use>), ...".
func filesLine(refs []fileRef) string {
	if len(refs) == 0 {
		return ""
	}
	parts := make([]string, len(refs))
	for i, f := range refs {
		parts[i] = f.String()
	}
	return "Files: " + strings.Join(parts, ", ")
}
