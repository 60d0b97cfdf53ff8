package activities

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// Adoption of a retried upload: the API takes no idempotency key for files,
// so a retry whose earlier attempt may have uploaded the file (its answer
// lost) looks for it first, newest first, among files of the same purpose
// created since the workflow started less uploadClockSkew (the API's clock
// against Temporal's), at most uploadSearchPages pages of 100.
const (
	uploadClockSkew   = 60 // seconds
	uploadSearchPages = 10
)

// ErrFileTooLarge is a file whose content does not fit a result
// (assistant.MaxFileEncodedBytes once encoded).
var ErrFileTooLarge = errors.New("file too large")

// ManageFiles runs one operation of the Files workflow: upload a file (a
// retry adopting the file an earlier attempt uploaded), list, read, read
// the content of, delete.
func (a *Activities) ManageFiles(ctx context.Context, in assistant.FilesInput) (assistant.FilesResult, error) {
	if err := in.Validate(); err != nil {
		return assistant.FilesResult{}, temporal.NewNonRetryableApplicationError(err.Error(), assistant.ErrorTypeInvalidInput, nil)
	}
	store, ok := a.api.(FileStore)
	if !ok {
		return assistant.FilesResult{}, temporal.NewNonRetryableApplicationError(
			"this protocol backend keeps no files", assistant.ErrorTypeInvalidInput, nil)
	}
	res, err := a.manageFile(ctx, store, in)
	if errors.Is(err, ErrFileTooLarge) {
		return assistant.FilesResult{}, temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("content of file %s: %v", in.FileID, err), assistant.ErrorTypeInvalidInput, nil)
	}
	if err != nil {
		return assistant.FilesResult{}, classify(string(in.Op)+" file", err)
	}
	return res, nil
}

func (a *Activities) manageFile(ctx context.Context, store FileStore, in assistant.FilesInput) (assistant.FilesResult, error) {
	switch in.Op {
	case assistant.OpFileUpload:
		return a.upload(ctx, store, in)
	case assistant.OpFileGet:
		f, err := store.GetFile(ctx, in.FileID)
		return assistant.FilesResult{File: &f}, err
	case assistant.OpFileContent:
		b, err := store.FileContent(ctx, in.FileID, assistant.MaxFileBytes)
		return assistant.FilesResult{Content: b}, err
	case assistant.OpFileDelete:
		err := store.DeleteFile(ctx, in.FileID)
		if err != nil && fileGone(err) && Retried(ctx) {
			err = nil // an earlier attempt deleted it, its answer lost
		}
		return assistant.FilesResult{Deleted: err == nil}, err
	}
	limit := in.Limit
	if limit == 0 {
		limit = 20
	}
	page, more, err := store.ListFiles(ctx, in.Purpose, limit, in.After)
	res := assistant.FilesResult{Files: page, HasMore: more}
	if more && len(page) > 0 {
		res.Next = page[len(page)-1].ID
	}
	return res, err
}

// upload sends the file once: a retry first adopts the file an earlier
// attempt uploaded, when it finds one (findUpload).
func (a *Activities) upload(ctx context.Context, store FileStore, in assistant.FilesInput) (assistant.FilesResult, error) {
	if Retried(ctx) {
		f, ok, err := findUpload(ctx, store, in)
		if err != nil || ok {
			return assistant.FilesResult{File: &f, Adopted: ok}, err
		}
	}
	f, err := store.UploadFile(ctx, *in.Upload)
	return assistant.FilesResult{File: &f}, err
}

// findUpload looks for the file an earlier attempt of this upload may have
// created: the newest of the same name, size and purpose created since the
// workflow started (less the clock skew).
func findUpload(ctx context.Context, store FileStore, in assistant.FilesInput) (assistant.FileInfo, bool, error) {
	u := in.Upload
	after := ""
	for range uploadSearchPages {
		page, more, err := store.ListFiles(ctx, u.PurposeOrDefault(), assistant.MaxListLimit, after)
		if err != nil {
			return assistant.FileInfo{}, false, err
		}
		for _, f := range page {
			if f.CreatedAt < in.Since-uploadClockSkew {
				return assistant.FileInfo{}, false, nil // older than the workflow: newest first, so none left
			}
			if f.Filename == u.Filename && f.Bytes == int64(len(u.Content)) {
				return f, true, nil
			}
		}
		if !more || len(page) == 0 {
			break
		}
		after = page[len(page)-1].ID
	}
	return assistant.FileInfo{}, false, nil
}

// FileTooLarge is the error of a content read whose size is over max; size
// is -1 when only known to be larger.
func FileTooLarge(size int64, max int) error {
	had := fmt.Sprintf("more than %d bytes", max)
	if size >= 0 {
		had = fmt.Sprintf("%d bytes, %d once encoded", size, assistant.FileEncodedLen(int(size)))
	}
	return fmt.Errorf("%w: %s; a result carries at most %d bytes of file (%d encoded)",
		ErrFileTooLarge, had, max, assistant.MaxFileEncodedBytes)
}

// fileGone reports a file the API no longer has.
func fileGone(err error) bool { return StatusOf(err) == http.StatusNotFound }
