package openaitest

import "maps"

// Stats counts what the emulator received, so tests can assert exactly-once.
//
// The protocol-neutral counters read the same on both protocols: on the
// Responses protocol a conversation counts as a thread, a response that starts
// a turn as a run, a response carrying function_call_output items as a tool
// output submission, and a cancelled response as a cancelled run.
type Stats struct {
	ThreadsCreated        int
	RunsCreated           int
	UserMessagesCreated   int
	ToolOutputSubmissions int // accepted submit_tool_outputs requests
	RunsCancelled         int // accepted cancel requests
	RunsPerThread         map[string]int
	FilesUploaded         int // accepted POST /v1/files (both protocols)

	// Responses protocol only.
	ConversationsCreated         int
	ResponsesCreated             int // every accepted POST /v1/responses
	FunctionCallOutputsSubmitted int // function_call_output items accepted
	ResponsesCancelled           int
	ResponseStreamsResumed       int // GET /v1/responses/{id}?stream=true accepted
	// Requests counts every request by route template, e.g.
	// "GET /v1/threads/{thread_id}/runs/{run_id}"; unknown routes count
	// under their method and path.
	Requests map[string]int
}

// clone returns a deep copy so callers can keep it while the server runs.
func (st Stats) clone() Stats {
	st.RunsPerThread = maps.Clone(st.RunsPerThread)
	st.Requests = maps.Clone(st.Requests)
	return st
}

func newStats() Stats {
	return Stats{RunsPerThread: map[string]int{}, Requests: map[string]int{}}
}

// Stats returns a copy of the counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats.clone()
}
