package workflows

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// fakeFiles is a backend with files only: uploads are stored at the
// workflow clock's time; loseAnswers makes that many uploads commit and
// then fail as if their answer was lost.
type fakeFiles struct {
	activities.Backend // nil: no runs
	mu                 sync.Mutex
	files              []assistant.FileInfo // oldest first
	uploads            int
	loseAnswers        int
	now                int64
}

func (f *fakeFiles) UploadFile(_ context.Context, u assistant.FileUpload) (assistant.FileInfo, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.uploads++
	info := assistant.FileInfo{ID: "file-" + string(rune('a'+len(f.files))), Filename: u.Filename,
		Bytes: int64(len(u.Content)), Purpose: u.PurposeOrDefault(), CreatedAt: f.now}
	f.files = append(f.files, info)
	if f.loseAnswers > 0 {
		f.loseAnswers--
		return assistant.FileInfo{}, errors.New("connection reset by peer") // classified: retryable
	}
	return info, nil
}

func (f *fakeFiles) ListFiles(_ context.Context, purpose string, limit int, after string) ([]assistant.FileInfo, bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var page []assistant.FileInfo
	for i := len(f.files) - 1; i >= 0; i-- { // newest first
		if purpose == "" || f.files[i].Purpose == purpose {
			page = append(page, f.files[i])
		}
	}
	return page, false, nil
}

func (f *fakeFiles) GetFile(context.Context, string) (assistant.FileInfo, error) {
	return assistant.FileInfo{}, nil
}
func (f *fakeFiles) FileContent(context.Context, string, int) ([]byte, error) { return nil, nil }
func (f *fakeFiles) DeleteFile(context.Context, string) error                 { return nil }

// uploadEnv runs the Files workflow with the real activities over fake.
func uploadEnv(t *testing.T, fake *fakeFiles, in assistant.FilesInput) (assistant.FilesResult, error) {
	t.Helper()
	var s testsuite.WorkflowTestSuite
	s.SetLogger(log.NewStructuredLogger(slog.New(slog.DiscardHandler)))
	env := s.NewTestWorkflowEnvironment()
	env.SetStartTime(testStart)
	env.RegisterWorkflow(Files)
	env.RegisterActivity(activities.New(fake, nil, activities.Options{}))
	env.ExecuteWorkflow(Files, in)
	require.True(t, env.IsWorkflowCompleted())
	var res assistant.FilesResult
	if err := env.GetWorkflowError(); err != nil {
		return res, err
	}
	require.NoError(t, env.GetWorkflowResult(&res))
	return res, nil
}

// TestFilesUploadExactlyOnce: an upload whose answer is lost is retried, and
// the retry adopts the file the lost attempt stored instead of uploading it
// again; a first attempt never adopts (a deliberate second upload of the
// same file is a file of its own); a file older than the workflow (less the
// clock skew) is not the lost attempt's.
func TestFilesUploadExactlyOnce(t *testing.T) {
	up := assistant.FilesInput{Op: assistant.OpFileUpload, Upload: &assistant.FileUpload{Filename: "data.csv", Content: []byte("1,2")}}
	now := testStart.Unix()

	fake := &fakeFiles{loseAnswers: 1, now: now}
	res, err := uploadEnv(t, fake, up)
	require.NoError(t, err)
	require.True(t, res.Adopted)
	require.Equal(t, "file-a", res.File.ID)
	require.Equal(t, 1, fake.uploads, "one upload: the retry found it")

	res, err = uploadEnv(t, fake, up)
	require.NoError(t, err)
	require.False(t, res.Adopted)
	require.Equal(t, "file-b", res.File.ID, "a new workflow uploads anew")
	require.Equal(t, 2, fake.uploads)

	old := &fakeFiles{now: now - 61}
	_, _ = old.UploadFile(context.Background(), *up.Upload) // the same file, uploaded earlier
	old.now, old.loseAnswers = now, 1
	res, err = uploadEnv(t, old, up)
	require.NoError(t, err)
	require.True(t, res.Adopted)
	require.Equal(t, "file-b", res.File.ID, "the older file is not adopted")
	require.Equal(t, 2, old.uploads)

	other := &fakeFiles{loseAnswers: 1, now: now}
	_, _ = other.UploadFile(context.Background(), assistant.FileUpload{Filename: "data.csv", Content: []byte("1,2,3")})
	other.loseAnswers = 1
	res, err = uploadEnv(t, other, up)
	require.NoError(t, err)
	require.True(t, res.Adopted)
	require.Equal(t, "file-b", res.File.ID, "another size is another file: the lost one is adopted")
	require.Equal(t, 2, other.uploads)
}

// TestFilesRefusesBeforeAnything: an upload over the limit fails the
// workflow at once, naming the field, with no activity.
func TestFilesRefusesBeforeAnything(t *testing.T) {
	fake := &fakeFiles{}
	_, err := uploadEnv(t, fake, assistant.FilesInput{Op: assistant.OpFileUpload,
		Upload: &assistant.FileUpload{Filename: "big.bin", Content: make([]byte, assistant.MaxFileBytes+1)}})
	var app *temporal.ApplicationError
	require.ErrorAs(t, err, &app)
	require.Equal(t, assistant.ErrorTypeInvalidInput, app.Type())
	require.Contains(t, app.Error(), "upload.content is 589822 bytes")
	require.Zero(t, fake.uploads)
}
