package assistant

import (
	"fmt"
	"slices"
	"strings"
)

// Files: the operations of the Files workflow, which a client starts to
// upload a file for runs to use (attachments, image parts, tool resources),
// list files, read one, read its content, or delete it, through the worker
// (which holds the API key). The API's /files endpoint is the same on both
// protocols.

// FilesOp names one operation.
type FilesOp string

// The operations.
const (
	OpFileUpload  FilesOp = "upload"
	OpFileList    FilesOp = "list" // newest first
	OpFileGet     FilesOp = "get"
	OpFileContent FilesOp = "content"
	OpFileDelete  FilesOp = "delete"
)

// The purposes a file uploaded for runs may have (the API's CreateFileRequest
// knows batch, fine-tune and evals too, which no run reads).
const (
	PurposeAssistants = "assistants" // code_interpreter, file_search, attachments
	PurposeVision     = "vision"     // image_file parts
	PurposeUserData   = "user_data"  // input_file parts (responses protocol)
)

// uploadPurposes are the purposes an upload may name; listPurposes those a
// list may filter by (the spec's OpenAIFile purposes).
var (
	uploadPurposes = []string{PurposeAssistants, PurposeVision, PurposeUserData}
	listPurposes   = []string{PurposeAssistants, "assistants_output", "batch", "batch_output",
		"fine-tune", "fine-tune-results", PurposeVision, PurposeUserData}
)

// MaxFileEncodedBytes bounds a file's content as it travels through Temporal:
// base64 in a JSON payload (the Files workflow's input and its activity's
// input for an upload, the activity's result for a content read). 768 KiB
// encoded is 589,821 bytes of file, and keeps each payload under InputBudget.
const MaxFileEncodedBytes = 768 << 10

// MaxFileBytes is the largest file content that fits MaxFileEncodedBytes.
const MaxFileBytes = (MaxFileEncodedBytes - 2) / 4 * 3

// FileEncodedLen is the size of n bytes of content once JSON-encoded: base64
// with padding, in quotes (encoding/json's form of a []byte).
func FileEncodedLen(n int) int { return (n+2)/3*4 + 2 }

// FileUpload is a file to upload: its name as the API keeps it, its
// purpose (default assistants) and its bytes.
type FileUpload struct {
	Filename string `json:"filename"`
	Purpose  string `json:"purpose,omitempty"`
	Content  []byte `json:"content"`
}

// FilesInput is one operation of the Files workflow.
type FilesInput struct {
	Op FilesOp `json:"op"`
	// FileID names the file (get, content, delete).
	FileID string `json:"file_id,omitempty"`
	// Upload is the file to upload (upload).
	Upload *FileUpload `json:"upload,omitempty"`
	// Purpose keeps only files of that purpose (list).
	Purpose string `json:"purpose,omitempty"`
	// Limit and After page a list: at most Limit (1..100, 0: 20) files after
	// the one with ID After, newest first.
	Limit int    `json:"limit,omitempty"`
	After string `json:"after,omitempty"`
	// Since is set by the Files workflow, not by callers: the Unix time it
	// started. A retried upload adopts a file of the same name and size
	// created since then (less clock skew) instead of uploading it again.
	Since int64 `json:"since,omitempty"`
}

// FileInfo is a file as the API describes it.
type FileInfo struct {
	ID        string `json:"id"`
	Filename  string `json:"filename"`
	Bytes     int64  `json:"bytes"`
	Purpose   string `json:"purpose"`
	CreatedAt int64  `json:"created_at,omitempty"`
	ExpiresAt int64  `json:"expires_at,omitempty"`
	Status    string `json:"status,omitempty"`
}

// FilesResult is what an operation returns.
type FilesResult struct {
	// File is the one uploaded or read.
	File *FileInfo `json:"file,omitempty"`
	// Adopted says an upload found the file an earlier attempt uploaded
	// (its answer lost) instead of uploading it again.
	Adopted bool `json:"adopted,omitempty"`
	// Content is the file's bytes (content).
	Content []byte `json:"content,omitempty"`
	Deleted bool   `json:"deleted,omitempty"`
	// Files, HasMore and Next are a list's page; Next is the After of the
	// following page.
	Files   []FileInfo `json:"files,omitempty"`
	HasMore bool       `json:"has_more,omitempty"`
	Next    string     `json:"next,omitempty"`
}

// Validate checks the operation before anything is stored or sent, naming
// the field at fault.
func (in FilesInput) Validate() error {
	switch in.Op {
	case OpFileUpload:
		if in.Upload == nil {
			return fmt.Errorf("upload: upload is missing (filename, purpose, content)")
		}
		return in.Upload.Validate()
	case OpFileList:
		if in.Limit < 0 || in.Limit > MaxListLimit {
			return fmt.Errorf("list: limit is %d; it must be 1 to %d (0: 20)", in.Limit, MaxListLimit)
		}
		if in.Purpose != "" && !slices.Contains(listPurposes, in.Purpose) {
			return fmt.Errorf("list: purpose is %q; it must be one of %s", in.Purpose, strings.Join(listPurposes, ", "))
		}
		return ValidateText("after", in.After, MaxIDBytes)
	case OpFileGet, OpFileContent, OpFileDelete:
		return ValidateFileID(string(in.Op)+": file_id", in.FileID)
	}
	return fmt.Errorf("op is %q; it must be upload, list, get, content or delete", in.Op)
}

// Validate checks a file to upload: a plain name, a purpose a run can use,
// and content that is not empty and fits MaxFileEncodedBytes once encoded.
func (u FileUpload) Validate() error {
	if strings.TrimSpace(u.Filename) == "" {
		return fmt.Errorf("upload.filename is empty")
	}
	if err := ValidateText("upload.filename", u.Filename, MaxIDBytes); err != nil {
		return err
	}
	if strings.ContainsAny(u.Filename, "/\\") {
		return fmt.Errorf("upload.filename %q has a path separator; give the file's name alone", u.Filename)
	}
	if u.Purpose != "" && !slices.Contains(uploadPurposes, u.Purpose) {
		return fmt.Errorf("upload.purpose is %q; it must be one of %s", u.Purpose, strings.Join(uploadPurposes, ", "))
	}
	if len(u.Content) == 0 {
		return fmt.Errorf("upload.content is empty")
	}
	if n := FileEncodedLen(len(u.Content)); n > MaxFileEncodedBytes {
		return fmt.Errorf("upload.content is %d bytes, %d encoded (base64 in JSON); the limit is %d encoded (%d bytes of file)",
			len(u.Content), n, MaxFileEncodedBytes, MaxFileBytes)
	}
	return nil
}

// PurposeOrDefault is the purpose sent: assistants unless set.
func (u FileUpload) PurposeOrDefault() string {
	if u.Purpose == "" {
		return PurposeAssistants
	}
	return u.Purpose
}

// ValidateFileID checks a file ID, naming it field: set, short, UTF-8.
func ValidateFileID(field, id string) error {
	if strings.TrimSpace(id) == "" {
		return fmt.Errorf("%s is empty", field)
	}
	return ValidateText(field, id, MaxIDBytes)
}
