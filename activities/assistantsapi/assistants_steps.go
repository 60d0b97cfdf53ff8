package assistantsapi

import (
	"context"

	"github.com/openai/openai-go/v3"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// stepsPage is how many steps one list request reads: the API's largest page.
const stepsPage = 100

// RunStepsPage implements activities.StepLister: one GET of the run's
// steps, oldest first.
func (b *Backend) RunStepsPage(ctx context.Context, threadID, runID, after string) ([]assistant.RunStep, bool, error) {
	params := openai.BetaThreadRunStepListParams{Limit: openai.Int(stepsPage), Order: openai.BetaThreadRunStepListParamsOrderAsc}
	if after != "" {
		params.After = openai.String(after)
	}
	page, err := b.client.Beta.Threads.Runs.Steps.List(ctx, threadID, runID, params)
	if err != nil {
		return nil, false, err
	}
	steps := make([]assistant.RunStep, 0, len(page.Data))
	for _, s := range page.Data {
		steps = append(steps, runStep(s))
	}
	return steps, page.HasMore, nil
}

// runStep translates a wire step, keeping what says what the run did.
func runStep(s openai.RunStep) assistant.RunStep {
	out := assistant.RunStep{ID: s.ID, Type: string(s.Type), Status: string(s.Status)}
	d := s.StepDetails
	if d.Type == "message_creation" {
		out.MessageID = d.MessageCreation.MessageID
	}
	for _, tc := range d.ToolCalls {
		out.ToolCalls = append(out.ToolCalls, cutCall(stepToolCall(tc)))
	}
	return out
}

// stepBytes caps what a step keeps of a call's arguments or output, encoded:
// streamed steps ride in the states, in history, of a run that asks for them.
const stepBytes = 1 << 10

func cutCall(c assistant.StepToolCall) assistant.StepToolCall {
	args, out := assistant.CutEncoded(c.Arguments, stepBytes), assistant.CutEncoded(c.Output, stepBytes)
	c.Truncated = args != c.Arguments || out != c.Output
	c.Arguments, c.Output = args, out
	return c
}

func stepToolCall(tc openai.ToolCallUnion) assistant.StepToolCall {
	c := assistant.StepToolCall{ID: tc.ID, Type: tc.Type}
	switch tc.Type {
	case "function":
		c.Name, c.Arguments, c.Output = tc.Function.Name, tc.Function.Arguments, tc.Function.Output
	case "code_interpreter":
		c.Arguments = tc.CodeInterpreter.Input
		for _, o := range tc.CodeInterpreter.Outputs {
			if o.Type == "logs" {
				c.Output += o.Logs
			} else if o.Image.FileID != "" {
				c.Results = append(c.Results, o.Image.FileID)
			}
		}
	case "file_search":
		for _, r := range tc.FileSearch.Results {
			c.Results = append(c.Results, r.FileID)
		}
	}
	return c
}
