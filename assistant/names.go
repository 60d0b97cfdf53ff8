package assistant

// Registered names of the workflows, which clients start by name (so they
// need not import the workflows package). The worker registers each
// workflow under its name (serve.Register); workflows tests check it.
const (
	WorkflowRun             = "Run"
	WorkflowConversation    = "Conversation"
	WorkflowCreateAssistant = "CreateAssistant"
)

// Registered names of the activities whose heartbeat details clients read
// (a FollowProgress): those that follow a run at the API.
const (
	ActivityStartRun          = "StartRun"
	ActivitySubmitToolOutputs = "SubmitToolOutputs"
	ActivityStreamRun         = "StreamRun"
)
