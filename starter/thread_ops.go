package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
)

// The single-object thread operations: `thread create`, `message
// create|get|update`, `run update`, `step get`. Each is one Threads
// workflow; --key makes a repeated create return the first one's result.

// threadsOpFlags is what a command line of one operation says.
type threadsOpFlags struct {
	in     assistant.ThreadsInput
	key    string
	asJSON bool
}

// threadsOpCommands maps "noun verb" to the operation.
var threadsOpCommands = map[string]assistant.ThreadsOp{
	"thread create":  assistant.OpThreadCreate,
	"message create": assistant.OpMessageCreate,
	"message get":    assistant.OpMessageGet,
	"message update": assistant.OpMessageUpdate,
	"run update":     assistant.OpRunUpdate,
	"step get":       assistant.OpStepGet,
}

// parseThreadsOp reads the flags of name (e.g. "message get"); the one
// positional argument is the message, run or step ID.
func parseThreadsOp(name string, args []string, stderr io.Writer) (threadsOpFlags, error) {
	f := threadsOpFlags{in: assistant.ThreadsInput{Op: threadsOpCommands[name]}}
	fs := newFlagSet(name, stderr)
	fs.StringVar(&f.in.ThreadID, "thread", "", "thread ID")
	fs.StringVar(&f.in.RunID, "run", "", "step get: the run's ID")
	fs.StringVar(&f.in.Role, "role", "user", "message create: user or assistant")
	fs.StringVar(&f.in.Text, "text", "", "message create: the message's text")
	textFile := fs.String("text-file", "", "message create: read the text from this file; - reads standard input")
	fs.StringVar(&f.key, "key", "", "create: an operation key; the same key again returns the first result")
	fs.BoolVar(&f.asJSON, "json", false, "print JSON")
	fs.Func("metadata", "KEY=VALUE; repeatable (update: the whole metadata)", func(s string) error {
		k, v, ok := strings.Cut(s, "=")
		if !ok {
			return fmt.Errorf("want KEY=VALUE")
		}
		if f.in.Metadata == nil {
			f.in.Metadata = map[string]string{}
		}
		f.in.Metadata[k] = v
		return nil
	})
	id, args := leadingID(args)
	if err := fs.Parse(args); err != nil {
		return f, errUsage
	}
	switch f.in.Op {
	case assistant.OpMessageGet, assistant.OpMessageUpdate:
		f.in.MessageID = id
	case assistant.OpRunUpdate:
		f.in.RunID = id
	case assistant.OpStepGet:
		f.in.StepID = id
	}
	if *textFile != "" {
		if f.in.Text != "" {
			return f, usageError(stderr, name, "use --text or --text-file, not both")
		}
		text, err := readMessage(*textFile)
		if err != nil {
			return f, usageError(stderr, name, "--text-file: "+err.Error())
		}
		f.in.Text = text
	}
	if f.in.Op != assistant.OpMessageCreate {
		f.in.Role = ""
	}
	if err := f.in.Validate(); err != nil {
		return f, usageError(stderr, name, err.Error())
	}
	return f, nil
}

func usageError(stderr io.Writer, name, msg string) error {
	fmt.Fprintf(stderr, "starter %s: %s\n", name, msg)
	return errUsage
}

// threadsOpCommand runs one operation named "noun verb".
func threadsOpCommand(name string) command {
	return func(ctx context.Context, c *client.Client, args []string, stdout, stderr io.Writer) int {
		f, err := parseThreadsOp(name, args, stderr)
		if err != nil {
			return exitUsage
		}
		out, err := runThreadsOp(ctx, c, f)
		if err != nil {
			fmt.Fprintf(stderr, "starter %s: %s\n", name, describeFailure(err))
			return exitNotDone
		}
		printThreadsOp(stdout, out, f.asJSON)
		return exitOK
	}
}

// runThreadsOp calls the client for the operation.
func runThreadsOp(ctx context.Context, c *client.Client, f threadsOpFlags) (any, error) {
	in := f.in
	var opts []client.ThreadsOption
	if f.key != "" {
		opts = append(opts, client.WithOperationKey(f.key))
	}
	switch in.Op {
	case assistant.OpThreadCreate:
		return c.CreateThread(ctx, in.Metadata, opts...)
	case assistant.OpMessageCreate:
		return c.CreateMessage(ctx, in.ThreadID, in.Role, in.Text, in.Metadata, opts...)
	case assistant.OpMessageGet:
		return c.GetMessage(ctx, in.ThreadID, in.MessageID)
	case assistant.OpMessageUpdate:
		return c.UpdateMessage(ctx, in.ThreadID, in.MessageID, in.Metadata)
	case assistant.OpRunUpdate:
		return c.UpdateRun(ctx, in.ThreadID, in.RunID, in.Metadata)
	}
	return c.GetRunStep(ctx, in.ThreadID, in.RunID, in.StepID)
}

// printThreadsOp prints the object: JSON, or its ID, a summary line and
// its metadata.
func printThreadsOp(w io.Writer, out any, asJSON bool) {
	if asJSON {
		printJSON(w, out)
		return
	}
	var meta map[string]string
	switch o := out.(type) {
	case assistant.ThreadInfo:
		fmt.Fprintln(w, shown(w, o.ID))
		meta = o.Metadata
	case assistant.ThreadMessage:
		fmt.Fprintf(w, "%s %s %s\n", shown(w, o.ID), shown(w, o.Role), shown(w, oneLine(o.Text, 200)))
		meta = o.Metadata
	case assistant.ThreadRun:
		fmt.Fprintf(w, "%s %s\n", shown(w, o.ID), o.Status)
		meta = o.Metadata
	case assistant.RunStep:
		printSteps(w, []assistant.RunStep{o})
	}
	for _, k := range slices.Sorted(maps.Keys(meta)) {
		fmt.Fprintf(w, "  %s=%s\n", shown(w, k), shown(w, meta[k]))
	}
}
