package openaitest

import "unicode/utf8"

// responseEvents is the whole ResponseStreamEvent sequence of resp so far, a
// pure function of its state, so every stream of it (the create's, and any
// GET ?stream=true) numbers the same event the same: response.created and
// response.in_progress, then, once the model has answered, each output item
// (a message as its text deltas, a function call as its argument deltas) and
// response.completed, response.failed or response.incomplete. A cancelled
// response has no terminal event in the spec: its stream just ends. Call
// with s.mu held, resp advanced to now.
func responseEvents(resp *response) []sseEvent {
	var l eventList
	l.add("response.created", map[string]any{"response": resp.wireAs(respQueued)})
	if resp.status == respQueued {
		return l.evs
	}
	l.add("response.in_progress", map[string]any{"response": resp.wireAs(respInProgress)})
	if !isResponseDone(resp.status) || resp.status == respCancelled {
		return l.evs
	}
	for i, it := range resp.output {
		switch it.kind {
		case "message":
			l.message(i, it)
		case "function_call":
			l.functionCall(i, it)
		}
	}
	l.add("response."+resp.status, map[string]any{"response": resp.wire()})
	return l.evs
}

// eventList numbers events as they are added.
type eventList struct {
	evs []sseEvent
}

// add appends an event; its data gets the type and the next sequence number.
func (l *eventList) add(name string, data map[string]any) {
	data["type"], data["sequence_number"] = name, len(l.evs)
	l.evs = append(l.evs, sseEvent{name, data})
}

// message streams an assistant message: added, its one output_text part
// opened, the text in word-sized deltas, then everything done.
func (l *eventList) message(index int, it *item) {
	open := it.wire()
	open["status"], open["content"] = respInProgress, []any{}
	l.add("response.output_item.added", map[string]any{"output_index": index, "item": open})
	at := func(m map[string]any) map[string]any {
		m["item_id"], m["output_index"], m["content_index"] = it.id, index, 0
		return m
	}
	part := func(text string) map[string]any {
		return map[string]any{"type": "output_text", "text": text, "annotations": []any{}, "logprobs": []any{}}
	}
	l.add("response.content_part.added", at(map[string]any{"part": part("")}))
	for _, chunk := range chunks(it.text) {
		l.add("response.output_text.delta", at(map[string]any{"delta": chunk, "logprobs": []any{}}))
	}
	l.add("response.output_text.done", at(map[string]any{"text": it.text, "logprobs": []any{}}))
	l.add("response.content_part.done", at(map[string]any{"part": part(it.text)}))
	l.add("response.output_item.done", map[string]any{"output_index": index, "item": it.wire()})
}

// functionCall streams a function call: added with empty arguments, the
// arguments in two deltas, then done.
func (l *eventList) functionCall(index int, it *item) {
	open := it.wire()
	open["status"], open["arguments"] = respInProgress, ""
	l.add("response.output_item.added", map[string]any{"output_index": index, "item": open})
	half := len(it.arguments) / 2
	for half > 0 && !utf8.RuneStart(it.arguments[half]) {
		half--
	}
	for _, d := range []string{it.arguments[:half], it.arguments[half:]} {
		if d != "" {
			l.add("response.function_call_arguments.delta", map[string]any{"item_id": it.id, "output_index": index, "delta": d})
		}
	}
	l.add("response.function_call_arguments.done", map[string]any{"item_id": it.id, "output_index": index,
		"name": it.name, "arguments": it.arguments})
	l.add("response.output_item.done", map[string]any{"output_index": index, "item": it.wire()})
}

// wireAs renders the response as it was in an earlier, non-final status.
func (resp *response) wireAs(status string) wireResponse {
	w := resp.wire()
	w.Status, w.CompletedAt, w.Error, w.IncompleteDetails, w.Usage = status, nil, nil, nil, nil
	w.Output = []map[string]any{}
	return w
}
