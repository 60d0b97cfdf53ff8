package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
)

type runFlags struct {
	req        assistant.RunRequest
	workflowID string
	noWait     bool
	json       bool
	stream     bool
}

func parseRunFlags(args []string, stderr io.Writer) (runFlags, error) {
	var f runFlags
	fs := newFlagSet("run", stderr)
	fs.StringVar(&f.req.AssistantID, "assistant", "", "assistant ID, or the name it was applied under (required)")
	fs.StringVar(&f.req.Message, "message", "", "the user's message (this or --message-file is required)")
	messageFile := fs.String("message-file", "", "read the message from this file; - reads standard input")
	fs.StringVar(&f.req.ThreadID, "thread", "", "existing thread ID (default: a new thread)")
	fs.StringVar(&f.req.Instructions, "instructions", "", "extra instructions for this run")
	fs.StringVar(&f.workflowID, "workflow-id", "", "workflow ID (default: run-<random>)")
	fs.BoolVar(&f.noWait, "no-wait", false, "start the run and return at once")
	fs.BoolVar(&f.json, "json", false, "print exactly one JSON object")
	fs.BoolVar(&f.stream, "stream", false, "stream the run and print the reply as it grows")
	fs.BoolVar(&f.req.IncludeSteps, "steps", false, "list the run's steps (assistants protocol: one more request when the run ends)")
	fs.BoolVar(&f.req.CreateThreadAndRun, "create-thread-and-run", false,
		"make the new thread and the run in one request (assistants protocol; a lost answer fails the run instead of risking a second one)")
	mode := fs.String("mode", "", "poll or stream (default: the worker's RUN_MODE)")
	overrides := addOverrideFlags(fs)
	filesDone := addFileFlags(fs, &f.req)
	if err := fs.Parse(args); err != nil {
		return f, errUsage
	}
	filesDone()
	var err error
	if f.req.Overrides, err = overrides.build(); err != nil {
		fmt.Fprintf(stderr, "starter run: %v\n", err)
		return f, errUsage
	}
	f.req.Metadata = overrides.metadata
	f.req.Mode = assistant.Mode(*mode)
	if f.stream {
		f.req.Mode = assistant.ModeStream
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "starter run: unexpected argument %q\n", fs.Arg(0))
		return f, errUsage
	}
	if *messageFile != "" {
		if f.req.Message != "" {
			fmt.Fprintln(stderr, "starter run: use --message or --message-file, not both")
			return f, errUsage
		}
		msg, err := readMessage(*messageFile)
		if err != nil {
			fmt.Fprintf(stderr, "starter run: --message-file: %v\n", err)
			return f, errUsage
		}
		f.req.Message = msg
	}
	if err := f.req.Validate(); err != nil {
		fmt.Fprintf(stderr, "starter run: %v (flags --assistant and --message or --message-file are required)\n", err)
		return f, errUsage
	}
	return f, nil
}

// runCommand starts a run and, unless --no-wait, follows it to its end.
func runCommand(ctx context.Context, c *client.Client, args []string, stdout, stderr io.Writer) int {
	f, err := parseRunFlags(args, stderr)
	if err != nil {
		return exitUsage
	}
	if !strings.HasPrefix(f.req.AssistantID, "asst_") { // a name (or a profile): the worker finds its ID
		id, err := c.ResolveAssistant(ctx, f.req.AssistantID)
		if err != nil {
			return report(stdout, stderr, f.json, output{Error: "assistant " + f.req.AssistantID + ": " + describeFailure(err)}, exitNotDone)
		}
		f.req.AssistantID = id
	}
	var opts []client.RunOption
	if f.workflowID != "" {
		opts = append(opts, client.WithWorkflowID(f.workflowID))
	}
	r, err := c.StartRun(ctx, f.req, opts...)
	if err != nil {
		return report(stdout, stderr, f.json, output{Error: err.Error()}, exitTransport)
	}
	out := output{WorkflowID: r.WorkflowID, WorkflowRunID: r.WorkflowRunID, UIURL: r.UIURL()}
	if f.noWait {
		out.Status = "started"
		return report(stdout, stderr, f.json, out, exitOK)
	}
	var live *liveLine
	var text *textFollower
	switch {
	case f.stream && !f.json:
		text = followText(ctx, r, stdout, 200*time.Millisecond)
	case !f.json && isTerminal(stdout):
		live = startLiveLine(ctx, r, stdout, 250*time.Millisecond)
	}
	res, err := r.Result(ctx)
	live.stop()
	text.stop()
	if err != nil {
		out.Status, out.Error = "workflow_failed", describeFailure(err)
		return report(stdout, stderr, f.json, out, exitNotDone)
	}
	out.fill(res)
	code := exitOK
	if res.Status != assistant.StatusCompleted {
		code = exitNotDone
	}
	return report(stdout, stderr, f.json, out, code)
}

// describeFailure shortens the SDK's nested failure chain to its root cause.
func describeFailure(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, "): "); i >= 0 && i+3 < len(msg) {
		return msg[i+3:]
	}
	return msg
}
