package workflows

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// maxSubmitBytes budgets the encoded input of one submit: all the outputs of
// a round in one activity input. Temporal refuses a payload over 2 MB (and
// terminates the workflow that schedules it) and a request over 4 MB; each
// output is capped at tools.MaxOutputBytes, but a round may have many.
const maxSubmitBytes = 512 << 10

// versionRoundBudget gates the cut, taken only when a round is over budget:
// before it, such a round ended the workflow, so no history has the cut.
const versionRoundBudget = "round-budget"

// fitRound cuts the largest outputs of a round, each with a note to the
// model, until the submit's encoded input fits maxSubmitBytes.
func fitRound(ctx workflow.Context, in *activities.SubmitToolOutputsInput) error {
	size := encodedSize(in)
	if size <= maxSubmitBytes || workflow.GetVersion(ctx, versionRoundBudget, workflow.DefaultVersion, 1) < 1 {
		return nil
	}
	sizes := make([]int, len(in.Outputs))
	total := 0
	for i, o := range in.Outputs {
		sizes[i] = assistant.EncodedLen(o.Output)
		total += sizes[i]
	}
	limit := outputCap(sizes, maxSubmitBytes-(size-total))
	for i := range in.Outputs {
		if sizes[i] > limit {
			in.Outputs[i].Output = assistant.CutEncoded(in.Outputs[i].Output, limit)
		}
	}
	if got := encodedSize(in); got > maxSubmitBytes {
		return temporal.NewNonRetryableApplicationError(fmt.Sprintf(
			"run %s: the %d tool outputs of this round take %d bytes encoded even cut to %d bytes each; the limit is %d",
			in.APIRunID, len(in.Outputs), got, limit, maxSubmitBytes), assistant.ErrorTypeInvalidInput, nil)
	}
	return nil
}

// outputCap is the largest per-output size at which the outputs fit budget
// when only those above it are cut: the small ones pass whole.
func outputCap(sizes []int, budget int) int {
	sorted := slices.Sorted(slices.Values(sizes))
	for i, s := range sorted {
		left := len(sorted) - i
		if s*left > budget {
			return max(budget/left, 0)
		}
		budget -= s
	}
	return math.MaxInt
}

// encodedSize is the size of the activity input as the default data
// converter encodes it (JSON).
func encodedSize(in *activities.SubmitToolOutputsInput) int {
	// json.Marshal of a struct is deterministic; workflowcheck flags its caches.
	b, _ := json.Marshal(in) //workflowcheck:ignore
	return len(b)
}
