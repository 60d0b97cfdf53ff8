package activities

import (
	"context"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// FileStore is the API's files (/files, the same on both protocols): what
// runs name in attachments, image parts and tool resources.
type FileStore interface {
	UploadFile(ctx context.Context, u assistant.FileUpload) (assistant.FileInfo, error)
	// ListFiles returns a page, newest first, after the file with ID after
	// ("" from the start), of purpose ("" any).
	ListFiles(ctx context.Context, purpose string, limit int, after string) (page []assistant.FileInfo, hasMore bool, err error)
	GetFile(ctx context.Context, id string) (assistant.FileInfo, error)
	// FileContent reads a file's bytes, failing without reading them all
	// when they are more than max.
	FileContent(ctx context.Context, id string, max int) ([]byte, error)
	DeleteFile(ctx context.Context, id string) error
}
