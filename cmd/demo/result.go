package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// result is the JSON object `starter run --json` prints (README "Start runs").
type result struct {
	WorkflowID string `json:"workflow_id"`
	ThreadID   string `json:"thread_id"`
	RunID      string `json:"run_id"`
	Status     string `json:"status"`
	Reply      string `json:"reply"`
	ToolCalls  []struct {
		Name      string `json:"name"`
		Arguments string `json:"arguments"`
		Output    string `json:"output"`
	} `json:"tool_calls"`
	Error string `json:"error"`
	UIURL string `json:"ui_url"`
}

func parseResult(out []byte) (result, error) {
	var r result
	if err := json.Unmarshal(out, &r); err != nil {
		return r, fmt.Errorf("starter run printed no result: %w: %q", err, out)
	}
	return r, nil
}

// err is the demo's outcome: nil when the run completed.
func (r result) err() error {
	if r.Status == "completed" {
		return nil
	}
	return fmt.Errorf("the run ended %s: %s", r.Status, r.Error)
}

// printResult shows the run as a reader wants it: the answer first, then
// what the model called, then where to find the run.
func printResult(w io.Writer, r result) {
	fmt.Fprintf(w, "\nAnswer\n  %s\n", strings.ReplaceAll(strings.TrimSpace(r.Reply), "\n", "\n  "))
	if r.Error != "" {
		fmt.Fprintf(w, "  error: %s\n", r.Error)
	}
	if len(r.ToolCalls) > 0 {
		fmt.Fprintf(w, "\nTool calls (run by the worker, in parallel)\n")
		for _, c := range r.ToolCalls {
			fmt.Fprintf(w, "  %s(%s) -> %s\n", c.Name, c.Arguments, c.Output)
		}
	}
	fmt.Fprintf(w, "\nRun\n  status    %s\n  thread    %s\n  API run   %s\n  workflow  %s\n", r.Status, r.ThreadID, r.RunID, r.WorkflowID)
	fmt.Fprintf(w, "\nSee it in the Temporal UI\n  %s\n\n", r.UIURL)
}
