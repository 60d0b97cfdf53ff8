package assistant

import (
	"fmt"
	"strings"
)

// Files a run's messages carry: attachments (a file given to the built-in
// tools), image parts after the message's text, and the tool resources of
// the thread (or, on the responses protocol, of the run's built-in tools).

// The API's built-in tools a file can be given to.
const (
	ToolCodeInterpreter = "code_interpreter"
	ToolFileSearch      = "file_search"
)

// Limits of a message's files and of tool resources.
const (
	MaxAttachments    = 20      // per message: the API's limit on code_interpreter's files
	MaxImages         = 20      // image parts per message
	MaxCodeFileIDs    = 20      // tool_resources.code_interpreter.file_ids (the API's)
	MaxVectorStoreIDs = 1       // tool_resources.file_search.vector_store_ids (the API's)
	MaxImageURLBytes  = 8 << 10 // an image_url's url, encoded
)

// Attachment gives a file to a message, for the tools named (the API's
// message attachment). On the assistants protocol the file joins the
// thread's resources of those tools. An attachment with no tools is given to
// the model to read (responses protocol: an input_file part).
type Attachment struct {
	FileID string   `json:"file_id"`
	Tools  []string `json:"tools"` // code_interpreter, file_search
}

// ImagePart is an image in a message, after its text: an uploaded file
// (FileID, purpose vision) or a URL, exactly one of them.
type ImagePart struct {
	FileID string `json:"file_id,omitempty"`
	URL    string `json:"url,omitempty"`
	// Detail is auto (the API's default), low or high.
	Detail string `json:"detail,omitempty"`
}

// ToolResources are the files the built-in tools use: code_interpreter's
// files and file_search's vector stores (the API's tool_resources).
type ToolResources struct {
	CodeInterpreter *CodeInterpreterResources `json:"code_interpreter,omitempty"`
	FileSearch      *FileSearchResources      `json:"file_search,omitempty"`
}

// CodeInterpreterResources are the files code_interpreter can read.
type CodeInterpreterResources struct {
	FileIDs []string `json:"file_ids"`
}

// FileSearchResources are the vector stores file_search searches.
type FileSearchResources struct {
	VectorStoreIDs []string `json:"vector_store_ids"`
}

// validateAttachments checks a message's attachments; field names the
// message ("attachments", "overrides.additional_messages[0].attachments").
func validateAttachments(field string, atts []Attachment) error {
	if len(atts) > MaxAttachments {
		return fmt.Errorf("%s has %d files; the limit is %d", field, len(atts), MaxAttachments)
	}
	for i, a := range atts {
		f := fmt.Sprintf("%s[%d]", field, i)
		if err := ValidateFileID(f+".file_id", a.FileID); err != nil {
			return err
		}
		seen := map[string]bool{}
		for j, t := range a.Tools {
			if t != ToolCodeInterpreter && t != ToolFileSearch {
				return fmt.Errorf("%s.tools[%d] is %q; it must be code_interpreter or file_search", f, j, t)
			}
			if seen[t] {
				return fmt.Errorf("%s.tools names %s twice", f, t)
			}
			seen[t] = true
		}
	}
	return nil
}

// validateImages checks a message's image parts.
func validateImages(field string, images []ImagePart) error {
	if len(images) > MaxImages {
		return fmt.Errorf("%s has %d images; the limit is %d", field, len(images), MaxImages)
	}
	for i, im := range images {
		f := fmt.Sprintf("%s[%d]", field, i)
		switch {
		case im.FileID == "" && im.URL == "":
			return fmt.Errorf("%s has neither file_id nor url; give one", f)
		case im.FileID != "" && im.URL != "":
			return fmt.Errorf("%s has both file_id and url; give one", f)
		case im.FileID != "":
			if err := ValidateFileID(f+".file_id", im.FileID); err != nil {
				return err
			}
		default:
			if err := ValidateText(f+".url", im.URL, MaxImageURLBytes); err != nil {
				return err
			}
			if !strings.HasPrefix(im.URL, "https://") && !strings.HasPrefix(im.URL, "http://") {
				return fmt.Errorf("%s.url must start with https:// or http:// (upload the image and give its file_id otherwise)", f)
			}
		}
		switch im.Detail {
		case "", "auto", "low", "high":
		default:
			return fmt.Errorf("%s.detail is %q; it must be auto, low or high", f, im.Detail)
		}
	}
	return nil
}

// Validate checks tool resources, naming field ("tool_resources").
func (r *ToolResources) Validate(field string) error {
	if r == nil {
		return nil
	}
	if c := r.CodeInterpreter; c != nil {
		if err := validateIDs(field+".code_interpreter.file_ids", c.FileIDs, MaxCodeFileIDs); err != nil {
			return err
		}
	}
	if s := r.FileSearch; s != nil {
		if err := validateIDs(field+".file_search.vector_store_ids", s.VectorStoreIDs, MaxVectorStoreIDs); err != nil {
			return err
		}
	}
	return nil
}

// validateIDs checks a list of distinct IDs of at most limit.
func validateIDs(field string, ids []string, limit int) error {
	if len(ids) > limit {
		return fmt.Errorf("%s has %d IDs; the limit is %d", field, len(ids), limit)
	}
	seen := map[string]bool{}
	for i, id := range ids {
		if err := ValidateFileID(fmt.Sprintf("%s[%d]", field, i), id); err != nil {
			return err
		}
		if seen[id] {
			return fmt.Errorf("%s names %q twice", field, id)
		}
		seen[id] = true
	}
	return nil
}

// FileIDs are the IDs of the files a run was given, in order, each once:
// its message's attachments and image files, those of its additional
// messages, and code_interpreter's tool resources. Vector stores are not
// files and are not listed.
func (r RunRequest) FileIDs() []string {
	var out []string
	seen := map[string]bool{}
	add := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	addMessage := func(atts []Attachment, images []ImagePart) {
		for _, a := range atts {
			add(a.FileID)
		}
		for _, im := range images {
			add(im.FileID)
		}
	}
	if r.Overrides != nil {
		for _, m := range r.Overrides.AdditionalMessages {
			addMessage(m.Attachments, m.Images)
		}
	}
	addMessage(r.Attachments, r.Images)
	if r.ToolResources != nil && r.ToolResources.CodeInterpreter != nil {
		for _, id := range r.ToolResources.CodeInterpreter.FileIDs {
			add(id)
		}
	}
	return out
}

// HasFiles reports whether a message carries attachments or images.
func (m Message) HasFiles() bool { return len(m.Attachments) > 0 || len(m.Images) > 0 }

// validateFiles checks the files of a run request: its message's, and the
// tool resources.
func (r RunRequest) validateFiles() error {
	if err := validateAttachments("attachments", r.Attachments); err != nil {
		return err
	}
	if err := validateImages("images", r.Images); err != nil {
		return err
	}
	return r.ToolResources.Validate("tool_resources")
}
