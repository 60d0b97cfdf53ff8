package assistant

// RunName is the Run workflow's registered name.
const WorkflowRun = "Run"
