package assistantsapi

import (
	"errors"
	"net/http"
	"testing"

	"github.com/openai/openai-go/v3"

	"github.com/durable-assistants/durable-assistants/activities"
)

// The API refuses a create on a thread another run holds with a 400 whose
// message alone says so: the backend reports it as activities.ErrRunActive,
// keeping the API error (its status still classifies it), and nothing else.
func TestActiveRunIsErrRunActive(t *testing.T) {
	busy := &openai.Error{StatusCode: http.StatusBadRequest, Message: "Thread thread_1 already has an active run run_2."}
	err := activeRun(busy)
	var apiErr *openai.Error
	if !errors.Is(err, activities.ErrRunActive) || !errors.As(err, &apiErr) {
		t.Fatalf("activeRun(busy) = %v, want ErrRunActive wrapping the API error", err)
	}
	other := &openai.Error{StatusCode: http.StatusBadRequest, Message: "Invalid value for metadata"}
	if err := activeRun(other); errors.Is(err, activities.ErrRunActive) {
		t.Fatalf("activeRun(other 400) = %v, want the API error alone", err)
	}
	if activeRun(nil) != nil {
		t.Fatal("activeRun(nil) is not nil")
	}
}
