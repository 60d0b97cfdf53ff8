package activities

import (
	"context"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/log"
)

// logger is the activity's logger with the conversation's IDs on every line:
// the SDK's fields (WorkflowID, RunID = the workflow's run, ActivityType,
// Attempt) plus ThreadID and api_run_id (the model API's run). Lines carry IDs,
// statuses and sizes, never message text, tool arguments or keys.
func logger(ctx context.Context, threadID, apiRunID string) log.Logger {
	if !activity.IsActivity(ctx) {
		return nopLogger{}
	}
	return log.With(activity.GetLogger(ctx), "ThreadID", threadID, "api_run_id", apiRunID)
}

// nopLogger is for activity methods called outside an activity (unit tests).
type nopLogger struct{}

func (nopLogger) Debug(string, ...any) {}
func (nopLogger) Info(string, ...any)  {}
func (nopLogger) Warn(string, ...any)  {}
func (nopLogger) Error(string, ...any) {}
