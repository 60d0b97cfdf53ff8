package assistant

// FollowProgress is the heartbeat detail of the activities that follow a run
// (StreamRun, StartRun, SubmitToolOutputs): the run streamed (as soon
// as the API names it), the tail of its reply so far, and where its stream
// was. A retry re-attaches to RunID; clients read Text to show the reply as
// it grows.
type FollowProgress struct {
	APIRunID string `json:"run_id,omitempty"`
	// ThreadID is the thread a create-thread-and-run made (RunRequest.
	// CreateThreadAndRun), heartbeated the moment the API names it: a
	// retry then looks for its run there instead of creating another.
	ThreadID string `json:"thread_id,omitempty"`
	Text     string `json:"text,omitempty"`
	Seq      int    `json:"seq,omitempty"`
	// LastEvent is the sequence number of the last event of RunID's stream
	// handled (Responses protocol): a retry resumes the stream after it.
	LastEvent *int64 `json:"last_event,omitempty"`
	// RefusedThrough is N when attempts 1..N all had their create or submit
	// refused with a 429, before the API did anything: a retry after them
	// has no earlier request to look for (see refusals.go).
	RefusedThrough int32 `json:"refused_through,omitempty"`
}
