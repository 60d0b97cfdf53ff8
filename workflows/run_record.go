package workflows

import (
	"github.com/durable-assistants/durable-assistants/assistant"
)

// Caps on what a Result carries: it must fit a workflow result (2 MB) and a
// parent's history whatever the run's length. The full arguments and outputs
// stay in history, in the CallTool activities' inputs and results.
const (
	maxRecordedBytes = 1 << 10 // arguments and output of a record, each, encoded
	maxRecordedCalls = 100     // records; the rest are counted
)

// record keeps a finished call for the Result, cut to the caps.
func (r *runner) record(tc assistant.ToolCall, out assistant.ToolOutput) {
	if len(r.called) >= maxRecordedCalls {
		r.omitted++
		return
	}
	rec := assistant.ToolCallRecord{ToolCall: tc, IsError: out.IsError}
	rec.Policy = assistant.ToolPolicy{}
	rec.Arguments = assistant.CutEncoded(tc.Arguments, maxRecordedBytes)
	rec.Output = assistant.CutEncoded(out.Output, maxRecordedBytes)
	rec.Truncated = rec.Arguments != tc.Arguments || rec.Output != out.Output
	r.called = append(r.called, rec)
}
