package workflows

import (
	"fmt"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// transferTimeout is one attempt of an upload or a content read: up to
// MaxFileBytes sent or read, and the API's answer; transferBudget all of
// their attempts.
const (
	transferTimeout = time.Minute
	transferBudget  = 5 * time.Minute
)

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
	if in.Op == assistant.OpFileUpload {
		in.Since = workflow.Now(ctx).Unix()
		summary = fmt.Sprintf("upload file (%d bytes)", len(in.Upload.Content))
	}
	actx := operationCall(ctx, summary)
	if in.Op == assistant.OpFileUpload || in.Op == assistant.OpFileContent {
		actx = workflow.WithScheduleToCloseTimeout(workflow.WithStartToCloseTimeout(actx, transferTimeout), transferBudget)
	}
	var res assistant.FilesResult
	err := workflow.ExecuteActivity(actx, a.ManageFiles, in).Get(ctx, &res)
	return res, err
}
