package activities

import (
	"fmt"

	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// UnknownState fails loudly and for good when the API answers a run status
// this code does not know: looping on it could bill a run forever.
func UnknownState(runID string, err error) error {
	return temporal.NewNonRetryableApplicationError(fmt.Sprintf("run %s: %v", runID, err), assistant.ErrorTypeUnknownRunState, nil)
}
