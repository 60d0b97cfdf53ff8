package activities

import (
	"context"
	"net/http"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// SubmitToolOutputs submits every output of one requires_action in one
// request, and with in.Follow follows the run on (see follow). A retry whose
// earlier attempt was accepted (and lost its answer) meets a 400; a GET then
// shows the run moved on, which counts as success.
func (a *Activities) SubmitToolOutputs(ctx context.Context, in SubmitToolOutputsInput) (st assistant.RunState, err error) {
	defer keepSteps(&st, in.IncludeSteps)
	if in.Follow {
		return a.submitAndFollow(ctx, in)
	}
	return a.submitToolOutputs(ctx, in)
}

func (a *Activities) submitToolOutputs(ctx context.Context, in SubmitToolOutputsInput) (assistant.RunState, error) {
	st, err := a.api.SubmitToolOutputs(ctx, in.ThreadID, in.APIRunID, in.Outputs, in.Run)
	refused(ctx, err)
	if err == nil {
		return a.settle(ctx, st)
	}
	if StatusOf(err) != http.StatusBadRequest {
		return assistant.RunState{}, classify("submit tool outputs", err)
	}
	cur, gerr := a.api.GetRun(ctx, in.ThreadID, in.APIRunID)
	if gerr != nil {
		return assistant.RunState{}, classify("get run", gerr)
	}
	if !awaitsOutputs(cur, in.Outputs) {
		logger(ctx, in.ThreadID, in.APIRunID).Info("Tool outputs were already accepted", "Status", cur.Status)
		return a.settle(ctx, cur)
	}
	return assistant.RunState{}, classify("submit tool outputs", err)
}

// awaitsOutputs reports whether the run still waits for these very calls.
func awaitsOutputs(st assistant.RunState, outs []assistant.ToolOutput) bool {
	if st.Status != assistant.StatusRequiresAction {
		return false
	}
	pending := make(map[string]bool, len(st.ToolCalls))
	for _, tc := range st.ToolCalls {
		pending[tc.ID] = true
	}
	for _, o := range outs {
		if pending[o.ToolCallID] {
			return true
		}
	}
	return false
}
