package responsesapi

import (
	"github.com/durable-assistants/durable-assistants/assistant"
)

// stepBytes caps what a step keeps of a call's arguments or output, encoded:
// the steps ride in every turn's state, in history, of a run that asks for
// them (the activities drop them from other runs' states).
const stepBytes = 1 << 10

// itemSteps reads the run's steps from a response's output items, so the
// responses protocol lists them with no request of its own: a message is a
// message_creation step, each call item a tool_calls step of one call.
func itemSteps(items []wireItem) []assistant.RunStep {
	var steps []assistant.RunStep
	for _, it := range items {
		step := assistant.RunStep{ID: it.ID, Status: it.Status}
		switch it.Type {
		case "message":
			if it.Role != "assistant" {
				continue
			}
			step.Type, step.MessageID = "message_creation", it.ID
		case "function_call", "code_interpreter_call", "file_search_call":
			step.Type = "tool_calls"
			step.ToolCalls = []assistant.StepToolCall{itemCall(it)}
		default:
			continue
		}
		steps = append(steps, step)
	}
	return steps
}

// itemCall is the call a call item made, in the assistants protocol's terms.
func itemCall(it wireItem) assistant.StepToolCall {
	c := assistant.StepToolCall{ID: it.CallID}
	switch it.Type {
	case "function_call":
		c.Type, c.Name, c.Arguments = "function", it.Name, it.Arguments
	case "code_interpreter_call":
		c.ID, c.Type, c.Arguments = it.ID, "code_interpreter", it.Code
		for _, o := range it.Outputs {
			c.Output += o.Logs
		}
	case "file_search_call":
		c.ID, c.Type = it.ID, "file_search"
		for _, r := range it.Results {
			c.Results = append(c.Results, r.FileID)
		}
	}
	args, out := assistant.CutEncoded(c.Arguments, stepBytes), assistant.CutEncoded(c.Output, stepBytes)
	c.Truncated = args != c.Arguments || out != c.Output
	c.Arguments, c.Output = args, out
	return c
}
