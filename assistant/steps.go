package assistant

// MaxResultSteps caps the steps a Result lists (Result.Steps); the rest
// are counted in StepsOmitted.
const MaxResultSteps = 100

// RunStep is one thing a run did: created a message, or called tools. On
// the assistants protocol it is a run step (GET .../runs/{id}/steps); on the
// responses protocol an output item of the run's responses.
type RunStep struct {
	ID string `json:"id"`
	// Type is "message_creation" or "tool_calls".
	Type   string `json:"type"`
	Status string `json:"status,omitempty"`
	// MessageID names the message a message_creation step created.
	MessageID string `json:"message_id,omitempty"`
	// ToolCalls are the calls of a tool_calls step.
	ToolCalls []StepToolCall `json:"tool_calls,omitempty"`
}

// StepToolCall is one call of a tool_calls step. Arguments is a function's
// arguments or code_interpreter's input; Output is a function's output or
// code_interpreter's logs; Results names file_search results (file IDs).
type StepToolCall struct {
	ID        string   `json:"id"`
	Type      string   `json:"type"` // function, code_interpreter, file_search
	Name      string   `json:"name,omitempty"`
	Arguments string   `json:"arguments,omitempty"`
	Output    string   `json:"output,omitempty"`
	Results   []string `json:"results,omitempty"`
	// Truncated says Arguments or Output was cut to the Result's cap.
	Truncated bool `json:"truncated,omitempty"`
}

// MergeSteps adds steps to known: a step with an ID already known replaces
// it (a later read of the same step), others are appended in order.
func MergeSteps(known, steps []RunStep) []RunStep {
	for _, s := range steps {
		replaced := false
		for i := range known {
			if known[i].ID == s.ID {
				known[i], replaced = s, true
				break
			}
		}
		if !replaced {
			known = append(known, s)
		}
	}
	return known
}
