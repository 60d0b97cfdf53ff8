package assistant

// Registered names of the workflows, which clients start by name (so they
// need not import the workflows package). The worker registers each
// workflow under its name (serve.Register); workflows tests check it.
const (
	WorkflowRun             = "Run"
	WorkflowConversation    = "Conversation"
	WorkflowCreateAssistant = "CreateAssistant"
	WorkflowAssistants      = "Assistants"
	WorkflowThreads         = "Threads"
	WorkflowFiles           = "Files"
)

// Registered names of the activities whose heartbeat details clients read
// (a FollowProgress): those that follow a run at the API.
const (
	ActivityStartRun          = "StartRun"
	ActivitySubmitToolOutputs = "SubmitToolOutputs"
	ActivityStreamRun         = "StreamRun"
)

// Follows reports whether activityType is one of those that follow a run,
// whose heartbeat details are a FollowProgress.
func Follows(activityType string) bool {
	switch activityType {
	case ActivityStartRun, ActivitySubmitToolOutputs, ActivityStreamRun:
		return true
	}
	return false
}
