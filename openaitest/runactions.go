package openaitest

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// toolOutput is one element of the spec's SubmitToolOutputsRunRequest.
type toolOutput struct {
	ToolCallID string  `json:"tool_call_id"`
	Output     *string `json:"output"`
}

func (s *Server) submitToolOutputs(r *http.Request) (result, *apiError) {
	var in struct {
		ToolOutputs []toolOutput `json:"tool_outputs"`
		Stream      *bool        `json:"stream"`
	}
	if err := decode(r, &in); err != nil {
		return result{}, err
	}
	if in.ToolOutputs == nil {
		return result{}, invalid("tool_outputs", "Missing required parameter: 'tool_outputs'.")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, run, err := s.lookupRun(r)
	if err != nil {
		return result{}, err
	}
	if run.status != statusRequiresAction {
		return result{}, invalid("", "Runs in status %q do not accept tool outputs.", run.status)
	}
	if err := matchOutputs(run.calls, in.ToolOutputs); err != nil {
		return result{}, err
	}
	for _, o := range in.ToolOutputs {
		out := ""
		if o.Output != nil {
			out = *o.Output
		}
		run.calls[slices.IndexFunc(run.calls, func(c *toolCall) bool { return c.id == o.ToolCallID })].output = &out
	}
	now := s.opts.Now()
	if st := run.toolStep(); st != nil {
		st.status, st.doneAt = statusCompleted, now
		st.usage = newUsage(countWords(run.script.input), 0)
	}
	run.submitted = true
	run.schedule(now)
	s.stats.ToolOutputSubmissions++
	return result{body: run.wire(), op: "run.submit_tool_outputs", id: run.id, pollAfter: true,
		stream: runInput{Stream: in.Stream}.streamed(run, true)}, nil
}

// matchOutputs checks that outputs answer each pending call exactly once.
func matchOutputs(calls []*toolCall, outputs []toolOutput) *apiError {
	seen := map[string]bool{}
	for i, o := range outputs {
		param := fmt.Sprintf("tool_outputs[%d].tool_call_id", i)
		if !slices.ContainsFunc(calls, func(c *toolCall) bool { return c.id == o.ToolCallID }) {
			return invalid(param, "Invalid 'tool_outputs[%d].tool_call_id': no pending tool call with id '%s'.", i, o.ToolCallID)
		}
		if seen[o.ToolCallID] {
			return invalid(param, "Duplicate tool output for tool call '%s'.", o.ToolCallID)
		}
		seen[o.ToolCallID] = true
	}
	if len(seen) < len(calls) {
		want := make([]string, len(calls))
		for i, c := range calls {
			want[i] = "'" + c.id + "'"
		}
		got := make([]string, len(outputs))
		for i, o := range outputs {
			got[i] = "'" + o.ToolCallID + "'"
		}
		return invalid("tool_outputs", "Expected tool outputs for call_ids [%s], got [%s]",
			strings.Join(want, ", "), strings.Join(got, ", "))
	}
	return nil
}

func (s *Server) cancelRun(r *http.Request) (result, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, run, err := s.lookupRun(r)
	if err != nil {
		return result{}, err
	}
	now := s.opts.Now()
	switch run.status {
	case statusRequiresAction:
		run.cancel(now) // nothing is executing, so it ends at once
	case statusQueued, statusInProgress:
		// The model is mid-answer: like the real API, it stops after a moment.
		run.status, run.cancelAt = statusCancelling, now.Add(s.opts.ModelLatency/2)
	default:
		return result{}, invalid("", "Cannot cancel run with status '%s'.", run.status)
	}
	s.stats.RunsCancelled++
	return result{body: run.wire(), op: "run.cancel", id: run.id, pollAfter: true}, nil
}
