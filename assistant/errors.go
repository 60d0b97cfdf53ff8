package assistant

// The error types (temporal.ApplicationError.Type) the worker's activities and
// workflows fail with: every one is declared in this file. They are stable:
// workflows, clients and alerts match on them.
//
// Errors of the model API, classified once at the activity boundary.
const (
	ErrorTypeBadRequest      = "ModelAPIBadRequest"   // 400 and other non-retryable 4xx
	ErrorTypeUnauthorized    = "ModelAPIUnauthorized" // 401 / 403: the key is wrong or lacks access
	ErrorTypeNotFound        = "ModelAPINotFound"     // 404: unknown assistant, thread or run
	ErrorTypeRetryable       = "ModelAPIRetryable"    // 408 / 409 / 5xx
	ErrorTypeRateLimited     = "ModelAPIRateLimited"  // 429: refused before anything was done
	ErrorTypeConnection      = "ModelAPIConnection"   // no HTTP answer at all
	ErrorTypeThreadBusy      = "ThreadBusy"           // another run is active on the thread
	ErrorTypeInvalidInput    = "InvalidInput"         // the request is wrong before any API call
	ErrorTypeUnknownRunState = "UnknownRunState"      // the API answered something this code does not know
	// ErrorTypeStartUnknown: an earlier attempt of a create whose result
	// cannot be looked up (create thread and run) sent it and lost the
	// answer; it is not sent again, so there is never a second one.
	ErrorTypeStartUnknown = "StartOutcomeUnknown"
)

// Error types of a stream that ended without a verdict; all retryable, and a
// retry re-attaches to the run (resuming its stream where the protocol can,
// else polling) instead of creating it again.
const (
	ErrorTypeStreamIdle   = "ModelAPIStreamIdle"   // no event within the idle watchdog
	ErrorTypeStreamBroken = "ModelAPIStreamBroken" // cut, or ended without a terminal event
	ErrorTypeStreamError  = "ModelAPIStreamError"  // the API sent `event: error`
)

// ErrorTypeToolFault is the error type of a tool's infrastructure fault (retried).
const ErrorTypeToolFault = "ToolFault"

// ErrorTypeConversationEnded is the error type a SendMessage caller gets when the
// conversation ended before the message was answered.
const ErrorTypeConversationEnded = "ConversationEnded"

// ErrorTypeConversationClosing is the error type of a message refused by a
// conversation that has ended but not yet closed (deleting its thread,
// letting its handlers finish): the client sends it again once it has
// closed, to the next conversation under the key.
const ErrorTypeConversationClosing = "ConversationClosing"

// ErrorTypeTurnFailed is the error type a SendMessage caller gets when its
// turn's Run workflow closed without a reply (failed, timed out, terminated,
// or cancelled by itself) while the conversation goes on.
const ErrorTypeTurnFailed = "TurnFailed"
