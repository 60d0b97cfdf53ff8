// Package filesapi is the model API's files (/files) for both protocol
// backends, which embed Files: the endpoint is the same on the Assistants and
// the Responses protocol, on OpenAI and on Azure (its paths and api-version
// come from the client's options).
package filesapi

import (
	"bytes"
	"context"
	"io"
	"mime"
	"path/filepath"

	"github.com/openai/openai-go/v3"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// Files implements activities.FileStore over an openai-go client, which
// must be built with option.WithMaxRetries(0): Temporal owns retries.
type Files struct {
	client openai.Client
}

// New wraps the client.
func New(c openai.Client) Files { return Files{client: c} }

// UploadFile implements activities.FileStore: one multipart request with
// the file part (named as the upload, typed by its extension) and purpose.
func (f Files) UploadFile(ctx context.Context, u assistant.FileUpload) (assistant.FileInfo, error) {
	ctype := mime.TypeByExtension(filepath.Ext(u.Filename))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	obj, err := f.client.Files.New(ctx, openai.FileNewParams{
		File:    openai.File(bytes.NewReader(u.Content), u.Filename, ctype),
		Purpose: openai.FilePurpose(u.PurposeOrDefault()),
	})
	if err != nil {
		return assistant.FileInfo{}, err
	}
	return info(obj), nil
}

// ListFiles implements activities.FileStore.
func (f Files) ListFiles(ctx context.Context, purpose string, limit int, after string) ([]assistant.FileInfo, bool, error) {
	params := openai.FileListParams{Limit: openai.Int(int64(limit)), Order: openai.FileListParamsOrderDesc}
	if purpose != "" {
		params.Purpose = openai.String(purpose)
	}
	if after != "" {
		params.After = openai.String(after)
	}
	page, err := f.client.Files.List(ctx, params)
	if err != nil {
		return nil, false, err
	}
	out := make([]assistant.FileInfo, len(page.Data))
	for i := range page.Data {
		out[i] = info(&page.Data[i])
	}
	return out, page.HasMore, nil
}

// GetFile implements activities.FileStore.
func (f Files) GetFile(ctx context.Context, id string) (assistant.FileInfo, error) {
	obj, err := f.client.Files.Get(ctx, id)
	if err != nil {
		return assistant.FileInfo{}, err
	}
	return info(obj), nil
}

// FileContent implements activities.FileStore: a body longer than max (by
// its Content-Length, or once max+1 bytes are read) is not read further.
func (f Files) FileContent(ctx context.Context, id string, max int) ([]byte, error) {
	resp, err := f.client.Files.Content(ctx, id)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.ContentLength > int64(max) {
		return nil, activities.FileTooLarge(resp.ContentLength, max)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, int64(max)+1))
	if err != nil {
		return nil, err
	}
	if len(b) > max {
		return nil, activities.FileTooLarge(-1, max)
	}
	return b, nil
}

// DeleteFile implements activities.FileStore.
func (f Files) DeleteFile(ctx context.Context, id string) error {
	_, err := f.client.Files.Delete(ctx, id)
	return err
}

// info translates a wire file.
func info(o *openai.FileObject) assistant.FileInfo {
	return assistant.FileInfo{ID: o.ID, Filename: o.Filename, Bytes: o.Bytes, Purpose: string(o.Purpose),
		CreatedAt: o.CreatedAt, ExpiresAt: o.ExpiresAt, Status: string(o.Status)}
}

// Files keeps files.
var _ activities.FileStore = Files{}
