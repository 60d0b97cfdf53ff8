package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// output is what `starter run` prints; with --json, exactly this object.
type output struct {
	WorkflowID    string                     `json:"workflow_id"`
	WorkflowRunID string                     `json:"workflow_run_id,omitempty"`
	ThreadID      string                     `json:"thread_id"`
	APIRunID      string                     `json:"run_id"`
	Status        string                     `json:"status"`
	Reply         string                     `json:"reply"`
	Usage         *assistant.Usage           `json:"usage,omitempty"`
	ToolCalls     []assistant.ToolCallRecord `json:"tool_calls,omitempty"`
	Steps         []assistant.RunStep        `json:"steps,omitempty"`
	FileIDs       []string                   `json:"file_ids,omitempty"`
	Annotations   []assistant.Annotation     `json:"annotations,omitempty"`
	Error         string                     `json:"error,omitempty"`
	UIURL         string                     `json:"ui_url,omitempty"`
}

func (o *output) fill(res assistant.Result) {
	o.ThreadID, o.APIRunID, o.Status, o.Reply = res.ThreadID, res.APIRunID, string(res.Status), res.Reply
	o.Usage, o.ToolCalls, o.Steps = &res.Usage, res.ToolCalls, res.Steps
	o.FileIDs, o.Annotations = res.FileIDs, res.Annotations
	for i := range o.ToolCalls {
		o.ToolCalls[i].Policy = assistant.ToolPolicy{}
	}
	if res.Error != nil {
		o.Error = res.Error.Code + ": " + res.Error.Message
	}
}

// report prints the output and returns the exit code.
func report(stdout, stderr io.Writer, asJSON bool, o output, code int) int {
	if asJSON {
		printJSON(stdout, o)
		return code
	}
	if o.Reply != "" {
		fmt.Fprintf(stdout, "%s\n\n", shown(stdout, o.Reply))
	}
	for _, tc := range o.ToolCalls {
		fmt.Fprintf(stdout, "  tool %s(%s) -> %s\n", shown(stdout, tc.Name), shown(stdout, tc.Arguments),
			shown(stdout, oneLine(tc.Output, 120)))
	}
	printSteps(stdout, o.Steps)
	printAnnotations(stdout, o.Annotations)
	rows := [][2]string{
		{"status", o.Status}, {"thread", o.ThreadID}, {"run", o.APIRunID},
		{"workflow", o.WorkflowID}, {"ui", o.UIURL}, {"files", strings.Join(o.FileIDs, " ")},
	}
	for _, r := range rows {
		if r[1] != "" {
			fmt.Fprintf(stdout, "%-9s %s\n", r[0]+":", shown(stdout, r[1]))
		}
	}
	if o.Error != "" {
		fmt.Fprintf(stderr, "error:    %s\n", shown(stderr, o.Error))
	}
	return code
}

func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// printSteps lists the run's steps (--steps), one line each.
func printSteps(w io.Writer, steps []assistant.RunStep) {
	for _, st := range steps {
		if st.Type == "message_creation" {
			fmt.Fprintf(w, "  step %s: message %s\n", shown(w, st.ID), shown(w, st.MessageID))
			continue
		}
		for _, c := range st.ToolCalls {
			name := c.Type
			if c.Name != "" {
				name = c.Name
			}
			fmt.Fprintf(w, "  step %s: %s(%s) -> %s\n", shown(w, st.ID), shown(w, name),
				shown(w, oneLine(c.Arguments, 60)), shown(w, oneLine(c.Output+strings.Join(c.Results, ","), 60)))
		}
	}
}
