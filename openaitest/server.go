package openaitest

import (
	"maps"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// Server is an in-memory OpenAI API: Assistants v2, and Responses with
// Conversations. It is an http.Handler serving
// the API under /v1/.
type Server struct {
	opts Options
	mux  *http.ServeMux

	mu       sync.Mutex // guards everything below
	store    store
	rs       responsesStore
	stats    Stats
	faults   []*Fault
	onCommit func(op, id string)
}

// New returns a Server configured by opts.
func New(opts Options) *Server {
	s := &Server{opts: opts.withDefaults(), mux: http.NewServeMux()}
	s.store = newStore()
	s.rs = newResponsesStore()
	s.stats = newStats()
	s.routes()
	return s
}

// Reset forgets all state, counters and queued faults; the OnCommit hook stays.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.store = newStore()
	s.rs = newResponsesStore()
	s.stats = newStats()
	s.faults = nil
}

// OnCommit sets a hook called synchronously after a state change commits and
// before its response is written. op is one of "assistant.create",
// "thread.create", "message.create", "run.create", "run.submit_tool_outputs",
// "run.cancel", "file.create", and on the Responses protocol "conversation.create",
// "conversation.items.create", "response.create" and "response.cancel"; id is the ID of the created or changed object. The hook
// runs without the server lock, so it may block without blocking other
// requests.
func (s *Server) OnCommit(fn func(op, id string)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onCommit = fn
}

// ServeHTTP counts the request, applies faults and the API key check, then
// dispatches to the route. Faults come before the key check: they stand for
// the network and proxies in front of the API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("x-request-id", newID("req"))
	if s.opts.Azure != nil {
		var aerr *azureError
		if r, aerr = s.azureFrontDoor(r); aerr != nil {
			writeAzureError(w, aerr)
			return
		}
	}
	_, pattern := s.mux.Handler(r)
	key := pattern
	if key == "" {
		key = r.Method + " " + r.URL.Path
	}
	s.mu.Lock()
	s.stats.Requests[key]++
	s.mu.Unlock()

	route := strings.TrimPrefix(pattern, r.Method+" ")
	if f := s.takeFault(r.Method, route); f != nil && f.streamFault() {
		r = withStreamFault(r, f)
	} else if f != nil {
		s.serveFault(w, r, f)
		return
	}
	if err := s.checkAuth(r); err != nil {
		writeError(w, err)
		return
	}
	if pattern == "" {
		writeError(w, &apiError{status: http.StatusNotFound, Type: "invalid_request_error",
			Message: "Invalid URL (" + r.Method + " " + r.URL.Path + ")"})
		return
	}
	s.mux.ServeHTTP(w, r)
}

// checkAuth enforces Options.APIKey like the real API.
func (s *Server) checkAuth(r *http.Request) *apiError {
	if s.opts.APIKey == "" || s.opts.Azure != nil { // Azure: azureFrontDoor
		return nil
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || got == "" {
		return unauthorized("You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).")
	}
	if got != s.opts.APIKey {
		return unauthorized("Incorrect API key provided.")
	}
	return nil
}

// result is what a route handler produced on success.
type result struct {
	body      any
	op, id    string    // non-empty op: a committed change reported to OnCommit
	pollAfter bool      // send openai-poll-after-ms
	stream    *streamed // stream=true: answer with the run's events
	// responseStream: answer with a response's events (Responses protocol).
	responseStream *respStream
}

// handlerFunc handles one route; it takes the lock itself and must release it
// before returning.
type handlerFunc func(r *http.Request) (result, *apiError)

// handle adapts h: it reports commits to the hook (outside the lock, before
// the response is written) and writes the JSON answer.
func (s *Server) handle(h handlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		res, err := h(r)
		if err != nil {
			writeError(w, err)
			return
		}
		if res.op != "" {
			s.mu.Lock()
			hook := s.onCommit
			s.mu.Unlock()
			if hook != nil {
				hook(res.op, res.id)
			}
		}
		if res.stream != nil {
			s.serveStream(w, r, *res.stream)
			return
		}
		if res.responseStream != nil {
			s.serveResponseStream(w, r, *res.responseStream)
			return
		}
		if res.pollAfter && s.opts.PollAfterMs > 0 {
			w.Header().Set("openai-poll-after-ms", strconv.Itoa(s.opts.PollAfterMs))
		}
		writeJSON(w, http.StatusOK, res.body)
	}
}

// routes registers every endpoint. The patterns double as Stats.Requests keys.
func (s *Server) routes() {
	m := map[string]handlerFunc{
		"POST /v1/assistants":                  s.createAssistant,
		"GET /v1/assistants":                   s.listAssistants,
		"GET /v1/assistants/{assistant_id}":    s.getAssistant,
		"POST /v1/assistants/{assistant_id}":   s.modifyAssistant,
		"DELETE /v1/assistants/{assistant_id}": s.deleteAssistant,

		"POST /v1/threads":               s.createThread,
		"GET /v1/threads/{thread_id}":    s.getThread,
		"POST /v1/threads/{thread_id}":   s.modifyThread,
		"DELETE /v1/threads/{thread_id}": s.deleteThread,

		"POST /v1/threads/{thread_id}/messages":                s.createMessage,
		"GET /v1/threads/{thread_id}/messages":                 s.listMessages,
		"GET /v1/threads/{thread_id}/messages/{message_id}":    s.getMessage,
		"POST /v1/threads/{thread_id}/messages/{message_id}":   s.modifyMessage,
		"DELETE /v1/threads/{thread_id}/messages/{message_id}": s.deleteMessage,

		"POST /v1/threads/runs":                                          s.createThreadAndRun,
		"POST /v1/threads/{thread_id}/runs":                              s.createRun,
		"GET /v1/threads/{thread_id}/runs":                               s.listRuns,
		"GET /v1/threads/{thread_id}/runs/{run_id}":                      s.getRun,
		"POST /v1/threads/{thread_id}/runs/{run_id}":                     s.modifyRun,
		"POST /v1/threads/{thread_id}/runs/{run_id}/submit_tool_outputs": s.submitToolOutputs,
		"POST /v1/threads/{thread_id}/runs/{run_id}/cancel":              s.cancelRun,
		"GET /v1/threads/{thread_id}/runs/{run_id}/steps":                s.listSteps,
		"GET /v1/threads/{thread_id}/runs/{run_id}/steps/{step_id}":      s.getStep,

		"POST /v1/responses":                                         s.createResponse,
		"GET /v1/responses/{response_id}":                            s.getResponse,
		"DELETE /v1/responses/{response_id}":                         s.deleteResponse,
		"POST /v1/responses/{response_id}/cancel":                    s.cancelResponse,
		"GET /v1/responses/{response_id}/input_items":                s.listInputItems,
		"POST /v1/conversations":                                     s.createConversation,
		"GET /v1/conversations/{conversation_id}":                    s.getConversation,
		"POST /v1/conversations/{conversation_id}":                   s.updateConversation,
		"DELETE /v1/conversations/{conversation_id}":                 s.deleteConversation,
		"GET /v1/conversations/{conversation_id}/items":              s.listItems,
		"POST /v1/conversations/{conversation_id}/items":             s.createItems,
		"GET /v1/conversations/{conversation_id}/items/{item_id}":    s.getItem,
		"DELETE /v1/conversations/{conversation_id}/items/{item_id}": s.deleteItem,
	}
	maps.Copy(m, s.fileRoutes())
	for pattern, h := range m {
		s.mux.HandleFunc(pattern, s.handle(h))
	}
	s.mux.HandleFunc("GET /v1/files/{file_id}/content", s.fileContent)
}
