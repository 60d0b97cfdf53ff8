package openaitest

import (
	"strings"
	"time"
)

// advanceResponse applies every transition of resp due by now, each at the
// time it was due, like advance does for runs.
func (s *Server) advanceResponse(resp *response, now time.Time) {
	if resp.status == respQueued && !now.Before(resp.startAt) {
		resp.status = respInProgress
	}
	if resp.status == respInProgress && !now.Before(resp.answerAt) {
		s.answerResponse(resp, resp.answerAt)
	}
}

// answerResponse is the scripted model's turn: a response carrying tool
// outputs completes with their summary; otherwise the script of its user
// text decides. Output items join the conversation when the response ends.
func (s *Server) answerResponse(resp *response, at time.Time) {
	prompt := countWords(resp.script.input)
	switch {
	case hasOutputs(resp.input):
		s.replyResponse(resp, toolResults(resp), at)
	case resp.script.fail != nil:
		resp.status, resp.lastError = respFailed, resp.script.fail
		resp.usage = newUsage(prompt, 0)
	case resp.script.incomplete:
		resp.status, resp.incomplete = respIncomplete, "max_output_tokens"
		resp.usage = newUsage(prompt, 0)
	case len(resp.script.calls) > 0:
		for _, c := range resp.script.calls {
			resp.output = append(resp.output, &item{id: newID("fc"), kind: "function_call", createdAt: at,
				callID: newID("call"), name: c.name, arguments: c.arguments})
		}
		resp.status, resp.completedAt = respCompleted, &at
		resp.usage = newUsage(prompt, len(resp.output))
	default:
		text, cites := "Echo: "+resp.script.echo, []citation(nil)
		if !jsonFormat(resp.textFormat()) {
			text, cites = filedReply(text, resp.script)
		}
		s.replyResponse(resp, text, at)
		resp.output[len(resp.output)-1].annotations = s.responseAnnotations(cites)
	}
	if resp.conv != nil {
		resp.conv.items = append(resp.conv.items, resp.output...)
	}
}

// replyResponse completes resp with an assistant message (JSON when its
// text.format asks for it).
func (s *Server) replyResponse(resp *response, text string, at time.Time) {
	if jsonFormat(resp.textFormat()) {
		text = structuredReply(strings.TrimPrefix(text, "Echo: "))
	}
	resp.output = append(resp.output, &item{id: newID("msg"), kind: "message", role: "assistant", createdAt: at, text: text})
	resp.status, resp.completedAt = respCompleted, &at
	resp.usage = newUsage(countWords(resp.script.input)+outputWords(resp.input), countWords(text))
}

// toolResults is the reply after tool outputs, as on the Assistants protocol:
// "Tool results: <name1> -> <output1>; ...", names read from the conversation.
func toolResults(resp *response) string {
	var parts []string
	for _, it := range resp.input {
		if it.kind != "function_call_output" {
			continue
		}
		parts = append(parts, callName(resp.conv, it.callID)+" -> "+it.output)
	}
	return "Tool results: " + strings.Join(parts, "; ")
}

// callName finds the name of the function_call with callID in c.
func callName(c *conversation, callID string) string {
	if c != nil {
		for _, it := range c.items {
			if it.kind == "function_call" && it.callID == callID {
				return it.name
			}
		}
	}
	return callID
}

func hasOutputs(items []*item) bool {
	for _, it := range items {
		if it.kind == "function_call_output" {
			return true
		}
	}
	return false
}

func outputWords(items []*item) int {
	n := 0
	for _, it := range items {
		if it.kind == "function_call_output" {
			n += countWords(it.output)
		}
	}
	return n
}
