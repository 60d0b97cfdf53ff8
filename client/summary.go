package client

import (
	"fmt"
	"strings"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// maxSummaryText caps the user's text shown in details when opted in.
const maxSummaryText = 200

// details are the workflow's static details in the UI: IDs, and the user's
// text only when Options.SummaryIncludeText opts in.
func (c *Client) details(req assistant.RunRequest) string {
	thread := req.ThreadID
	if thread == "" {
		thread = "(new thread)"
	}
	d := fmt.Sprintf("assistant: %s\nthread: %s\nfind it: DaAssistantId = '%s'", req.AssistantID, thread, req.AssistantID)
	if req.Mode != "" {
		d += "\nmode: " + string(req.Mode)
	}
	if c.opts.SummaryIncludeText {
		d += "\nmessage: " + cut(req.Message, maxSummaryText)
	}
	return d
}

// cut shortens s to at most n bytes on a rune boundary, on one line.
func cut(s string, n int) string {
	return assistant.Cut(strings.Join(strings.Fields(s), " "), n)
}
