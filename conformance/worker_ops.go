package conformance

// WorkerOperation is one spec operation the worker's activities call.
type WorkerOperation struct {
	Protocol, Op, Via string
	// RetryOnly marks calls made only when an activity is retried (adoption),
	// which the in-process tests do not record.
	RetryOnly bool
}

// WorkerOperations lists every operation the activities send, derived from
// activities/*.go and checked by TestWorkerRequestsConform against a recorded
// run of the real activities: a recorded operation missing here, or an entry
// here (other than RetryOnly) never recorded, fails the test.
var WorkerOperations = []WorkerOperation{
	{"assistants", "POST /assistants", "CreateAssistant, ManageAssistants (apply)", false},
	{"assistants", "GET /assistants", "ManageAssistants (apply, list, resolve by name)", false},
	{"assistants", "GET /assistants/{assistant_id}", "ManageAssistants (get, resolve an ID)", false},
	{"assistants", "POST /assistants/{assistant_id}", "ManageAssistants (apply, update)", false},
	{"assistants", "DELETE /assistants/{assistant_id}", "ManageAssistants (delete)", false},
	{"assistants", "POST /threads", "CreateThread, ManageThreads (create)", false},
	{"assistants", "POST /threads/runs", "StartRun, StreamRun (stream=true) with create_thread_and_run", false},
	{"assistants", "POST /threads/{thread_id}/runs", "StartRun, StreamRun (stream=true)", false},
	{"assistants", "POST /threads/{thread_id}/messages", "ManageThreads (message_create)", false},
	{"assistants", "GET /threads/{thread_id}/messages/{message_id}", "ManageThreads (message_get)", false},
	{"assistants", "POST /threads/{thread_id}/messages/{message_id}", "ManageThreads (message_update)", false},
	{"assistants", "POST /threads/{thread_id}/runs/{run_id}", "ManageThreads (run_update)", false},
	{"assistants", "GET /threads/{thread_id}/runs/{run_id}/steps/{step_id}", "ManageThreads (step_get)", false},
	{"assistants", "GET /threads/{thread_id}/runs", "StartRun adoption by idempotency key (FindRun), ManageThreads (runs)", false},
	{"assistants", "GET /threads/{thread_id}", "ManageThreads (get)", false},
	{"assistants", "POST /threads/{thread_id}", "ManageThreads (update metadata), StartRun (a run's tool_resources)", false},
	{"assistants", "GET /threads/{thread_id}/runs/{run_id}", "AwaitRun, CancelRun, SubmitToolOutputs confirm, ManageThreads (run_update reads the key)", false},
	{"assistants", "POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs", "SubmitToolOutputs, StreamRun (stream=true)", false},
	{"assistants", "POST /threads/{thread_id}/runs/{run_id}/cancel", "CancelRun", false},
	{"assistants", "GET /threads/{thread_id}/runs/{run_id}/steps", "ListRunStepPages, ListRunSteps (RunRequest.IncludeSteps)", false},
	{"assistants", "GET /threads/{thread_id}/messages", "the reply of a completed run, ManageThreads (messages; message_create retry), NewestMessage", false},
	{"assistants", "DELETE /threads/{thread_id}", "DeleteThread (idle conversation), ManageThreads (delete)", false},
	{"responses", "POST /conversations", "CreateThread, ManageThreads (create)", false},
	{"responses", "POST /conversations/{conversation_id}/items", "ManageThreads (message_create)", false},
	{"responses", "GET /conversations/{conversation_id}/items/{item_id}", "ManageThreads (message_get, step_get)", false},
	{"responses", "DELETE /conversations/{conversation_id}", "DeleteThread (idle conversation), ManageThreads (delete)", false},
	{"responses", "GET /conversations/{conversation_id}", "ManageThreads (get)", false},
	{"responses", "POST /conversations/{conversation_id}", "ManageThreads (update metadata)", false},
	{"responses", "POST /responses", "StartRun, SubmitToolOutputs (background chain), StreamRun (stream=true)", false},
	{"responses", "GET /responses/{response_id}", "AwaitRun, CancelRun, StreamRun resume (stream=true, starting_after)", false},
	{"responses", "POST /responses/{response_id}/cancel", "CancelRun", false},
	{"responses", "GET /conversations/{conversation_id}/items", "StartRun adoption after a lost create, ManageThreads (messages; message_create retry), NewestMessage", false},
	// Files: the same endpoint on both protocols.
	{"assistants", "POST /files", "ManageFiles (upload)", false},
	{"assistants", "GET /files", "ManageFiles (list; a retried upload looking for its file)", false},
	{"assistants", "GET /files/{file_id}", "ManageFiles (get)", false},
	{"assistants", "GET /files/{file_id}/content", "ManageFiles (content)", false},
	{"assistants", "DELETE /files/{file_id}", "ManageFiles (delete)", false},
	{"responses", "POST /files", "ManageFiles (upload)", false},
	{"responses", "GET /files", "ManageFiles (list; a retried upload looking for its file)", false},
	{"responses", "GET /files/{file_id}", "ManageFiles (get)", false},
	{"responses", "GET /files/{file_id}/content", "ManageFiles (content)", false},
	{"responses", "DELETE /files/{file_id}", "ManageFiles (delete)", false},
}
