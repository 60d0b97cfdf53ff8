package activities

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// What a protocol Backend (activities/assistantsapi, activities/responsesapi)
// uses of the activities: the errors and helpers through which it tells the
// protocol-neutral logic what its wire said, so that no protocol's error
// texts, ID shapes or adoption rules are known outside its own package.

// ErrRunActive is what CreateRun and StreamRun return (wrapping the API's
// error) when the API refused the create because another run is active on
// the thread. StartRun then adopts that run when it carries the create's
// idempotency key, else waits for it to end (ThreadBusy).
var ErrRunActive = errors.New("another run is active on the thread")

// TurnWaiter is a Backend that cannot find a run by its idempotency key
// (FindRun never finds one: Responses). A cancel by key then waits instead,
// polling TurnRunning, until no turn runs on the thread, so the run does not
// end while a turn it may have started still holds the thread.
type TurnWaiter interface {
	// TurnRunning reports whether a turn still runs on the thread: its
	// newest input has no output after it yet.
	TurnRunning(ctx context.Context, threadID string) (bool, error)
}

// threadBusyRetry is how soon a create is tried again when another caller's
// run holds the thread.
const threadBusyRetry = 2 * time.Second

// ThreadBusy is the retryable error of a create that must wait for the
// thread to be free; msg says which thread and why, without customer text.
func ThreadBusy(msg string) error {
	return temporal.NewApplicationErrorWithOptions(msg, assistant.ErrorTypeThreadBusy,
		temporal.ApplicationErrorOptions{NextRetryDelay: threadBusyRetry})
}

// PollAfterMs reads the API's openai-poll-after-ms hint; 0 means none.
func PollAfterMs(resp *http.Response) int64 {
	if resp == nil {
		return 0
	}
	ms, err := strconv.ParseInt(resp.Header.Get("openai-poll-after-ms"), 10, 64)
	if err != nil || ms < 0 {
		return 0
	}
	return ms
}

// JoinText joins the texts of two assistant messages of one reply.
func JoinText(a, b string) string {
	if a == "" {
		return b
	}
	return a + "\n\n" + b
}
