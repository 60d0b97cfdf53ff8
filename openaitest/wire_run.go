package openaitest

import "encoding/json"

// wire renders the run; the run must be advanced to now first.
func (r *run) wire() wireRun {
	w := wireRun{ID: r.id, Object: "thread.run", CreatedAt: unix(r.createdAt), ThreadID: r.threadID,
		AssistantID: r.assistantID, Status: r.status, LastError: r.lastError,
		StartedAt: unixPtr(r.startedAt), CancelledAt: unixPtr(r.cancelledAt), FailedAt: unixPtr(r.failedAt),
		CompletedAt: unixPtr(r.completedAt), Model: r.model, Instructions: r.instructions,
		Tools: orEmpty(r.tools), Metadata: cloneMeta(r.metadata), Usage: r.usage,
		Temperature: r.temperature, TopP: r.topP, MaxPromptTokens: r.maxPrompt,
		MaxCompletionTokens: r.maxCompletion, ParallelToolCalls: r.parallelCalls,
		TruncationStrategy: orRaw(r.truncation, `{"type":"auto","last_messages":null}`),
		ToolChoice:         orRaw(r.toolChoice, `"auto"`),
		ResponseFormat:     orRaw(r.responseFormat, `"auto"`)}
	// Like the real API, expires_at is dropped once the run ended on its own.
	if !isTerminal(r.status) || r.status == statusExpired {
		exp := unix(r.expiresAt)
		w.ExpiresAt = &exp
	}
	if r.incomplete != "" {
		w.IncompleteDetails = &wireIncomplete{Reason: r.incomplete}
	}
	if r.status == statusRequiresAction {
		ra := &wireRequiredAction{Type: "submit_tool_outputs"}
		ra.SubmitToolOutputs.ToolCalls = wireCalls(r.calls)
		w.RequiredAction = ra
	}
	return w
}

// wireCalls renders the tool calls of required_action.
func wireCalls(calls []*toolCall) []wireToolCall {
	out := make([]wireToolCall, len(calls))
	for i, c := range calls {
		out[i] = wireToolCall{ID: c.id, Type: "function", Function: wireFunction{Name: c.name, Arguments: c.arguments}}
	}
	return out
}

// wire renders a step of run r.
func (st *step) wire(r *run) wireStep {
	w := wireStep{ID: st.id, Object: "thread.run.step", CreatedAt: unix(st.createdAt),
		AssistantID: r.assistantID, ThreadID: r.threadID, RunID: r.id, Type: st.kind,
		Status: st.status, Metadata: map[string]string{}, Usage: st.usage}
	done := unix(st.doneAt)
	switch st.status {
	case statusCompleted:
		w.CompletedAt = &done
	case statusCancelled:
		w.CancelledAt = &done
	case statusExpired:
		w.ExpiredAt = &done
	}
	w.StepDetails = st.details()
	return w
}

// details renders step_details for either step type.
func (st *step) details() json.RawMessage {
	var v any
	if st.kind == "message_creation" {
		v = map[string]any{"type": "message_creation",
			"message_creation": map[string]string{"message_id": st.messageID}}
	} else {
		calls := make([]map[string]any, len(st.calls))
		for i, c := range st.calls {
			// The spec requires output, null until it is submitted.
			calls[i] = map[string]any{"id": c.id, "type": "function", "function": map[string]any{
				"name": c.name, "arguments": c.arguments, "output": c.output}}
		}
		v = map[string]any{"type": "tool_calls", "tool_calls": calls}
	}
	b, _ := json.Marshal(v)
	return b
}
