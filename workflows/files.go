package workflows

import (
	"fmt"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// uploadTimeout is one attempt of an upload: up to MaxFileBytes sent, and
// the API's answer once it has stored them.
const uploadTimeout = time.Minute

// Files runs one operation on the API's files (upload, list, get, content,
// delete) in one activity on the worker, which holds the API key. A bad
// operation fails at once, naming the field; an upload is stamped with the
// workflow's start time, which a retried upload adopts an earlier attempt's
// file by. The summary names the operation and the size, never the file's
// name or content (customer data: they travel in the payloads, through the
// codec when it is on).
func Files(ctx workflow.Context, in assistant.FilesInput) (assistant.FilesResult, error) {
	if err := in.Validate(); err != nil {
		return assistant.FilesResult{}, temporal.NewNonRetryableApplicationError(
			"invalid files operation: "+err.Error(), assistant.ErrorTypeInvalidInput, nil)
	}
	summary := string(in.Op) + " file " + in.FileID
	timeout := shortCallTimeout
	if in.Op == assistant.OpFileUpload {
		in.Since = workflow.Now(ctx).Unix()
		summary = fmt.Sprintf("upload file (%d bytes)", len(in.Upload.Content))
		timeout = uploadTimeout
	}
	if in.Op == assistant.OpFileContent {
		timeout = uploadTimeout
	}
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout:    timeout,
		ScheduleToCloseTimeout: 5 * time.Minute,
		RetryPolicy:            retryPolicy(5),
		Summary:                summary,
	})
	var res assistant.FilesResult
	err := workflow.ExecuteActivity(ctx, a.ManageFiles, in).Get(ctx, &res)
	return res, err
}
