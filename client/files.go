package client

import (
	"context"
	"fmt"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// UploadFile uploads a file for runs to use (RunRequest.Attachments,
// Images, ToolResources) through the worker, and returns it as the API
// keeps it. The content travels in the Files workflow's input and its
// activity's input (encrypted by the payload codec when it is on), so it is
// bounded: at most assistant.MaxFileBytes (assistant.MaxFileEncodedBytes
// once encoded); larger is refused before anything is started. The API takes
// no idempotency key for uploads: a retry after a lost answer finds the file
// it uploaded (same name, size and purpose, created since the workflow
// started) instead of uploading it twice.
func (c *Client) UploadFile(ctx context.Context, upload assistant.FileUpload) (assistant.FileInfo, error) {
	res, err := c.files(ctx, assistant.FilesInput{Op: assistant.OpFileUpload, Upload: &upload})
	return derefFile(res.File), err
}

// ListFiles reads a page of files, newest first: at most limit (0: 20, at
// most 100) after the file after (""), of purpose ("": any).
func (c *Client) ListFiles(ctx context.Context, purpose string, limit int, after string) (assistant.FilesResult, error) {
	return c.files(ctx, assistant.FilesInput{Op: assistant.OpFileList, Purpose: purpose, Limit: limit, After: after})
}

// GetFile reads a file's description.
func (c *Client) GetFile(ctx context.Context, fileID string) (assistant.FileInfo, error) {
	res, err := c.files(ctx, assistant.FilesInput{Op: assistant.OpFileGet, FileID: fileID})
	return derefFile(res.File), err
}

// FileContent reads a file's bytes, at most assistant.MaxFileBytes (a larger
// file fails, naming its size). OpenAI refuses to hand back the files of
// purpose assistants; the files tools write (assistants_output) download.
func (c *Client) FileContent(ctx context.Context, fileID string) ([]byte, error) {
	res, err := c.files(ctx, assistant.FilesInput{Op: assistant.OpFileContent, FileID: fileID})
	return res.Content, err
}

// DeleteFile deletes a file.
func (c *Client) DeleteFile(ctx context.Context, fileID string) error {
	_, err := c.files(ctx, assistant.FilesInput{Op: assistant.OpFileDelete, FileID: fileID})
	return err
}

// files runs one operation of the Files workflow and waits. The summary
// names no file name: it is customer data, and summaries are not encrypted.
func (c *Client) files(ctx context.Context, in assistant.FilesInput) (assistant.FilesResult, error) {
	if err := in.Validate(); err != nil {
		return assistant.FilesResult{}, fmt.Errorf("invalid files operation: %w", err)
	}
	summary := fmt.Sprintf("%s file %s", in.Op, in.FileID)
	if in.Upload != nil {
		summary = fmt.Sprintf("upload file (%d bytes)", len(in.Upload.Content))
	}
	return runOperation[assistant.FilesResult](ctx, c, assistant.WorkflowFiles, string(in.Op), summary, in)
}

func derefFile(f *assistant.FileInfo) assistant.FileInfo {
	if f == nil {
		return assistant.FileInfo{}
	}
	return *f
}
