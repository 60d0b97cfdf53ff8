package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
)

// showCommand runs `starter show --thread ID`: the thread, a page of its
// messages and of its runs (newest first; runs on the assistants protocol).
func showCommand(ctx context.Context, c *client.Client, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("show", flag.ContinueOnError)
	fs.SetOutput(stderr)
	thread := fs.String("thread", "", "thread ID (required)")
	limit := fs.Int("limit", 20, "messages and runs per page (1 to 100)")
	after := fs.String("after", "", "the page of messages after this message ID")
	all := fs.Bool("all", false, "every page of messages")
	asJSON := fs.Bool("json", false, "print one JSON object")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	in := assistant.ThreadsInput{Op: assistant.OpThreadMessages, ThreadID: *thread, Limit: *limit, After: *after}
	if err := in.Validate(); err != nil {
		fmt.Fprintf(stderr, "starter show: %v (--thread is required)\n", err)
		return exitUsage
	}
	th, err := c.GetThread(ctx, *thread)
	if err != nil {
		fmt.Fprintln(stderr, "starter show:", describeFailure(err))
		return exitNotDone
	}
	msgs, err := listMessages(ctx, c, in, *all)
	if err != nil {
		fmt.Fprintln(stderr, "starter show:", describeFailure(err))
		return exitNotDone
	}
	runs, runsErr := c.ListRuns(ctx, *thread, *limit, "")
	out := struct {
		Thread   assistant.ThreadInfo    `json:"thread"`
		Messages assistant.ThreadsResult `json:"messages"`
		Runs     assistant.ThreadsResult `json:"runs"`
		RunsNote string                  `json:"runs_note,omitempty"`
	}{Thread: th, Messages: msgs, Runs: runs}
	if runsErr != nil {
		out.RunsNote = describeFailure(runsErr)
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(out)
		return exitOK
	}
	fmt.Fprintf(stdout, "Thread %s\n", shown(stdout, th.ID))
	for _, k := range slices.Sorted(maps.Keys(th.Metadata)) {
		fmt.Fprintf(stdout, "  %s=%s\n", shown(stdout, k), shown(stdout, th.Metadata[k]))
	}
	fmt.Fprintln(stdout, "\nMessages (newest first)")
	for _, m := range msgs.Messages {
		fmt.Fprintf(stdout, "  %s %-9s %s\n", shown(stdout, m.ID), shown(stdout, m.Role), shown(stdout, oneLine(m.Text, 200)))
	}
	if msgs.HasMore {
		fmt.Fprintf(stdout, "  more: --after %s\n", msgs.Next)
	}
	fmt.Fprintln(stdout, "\nRuns (newest first)")
	if out.RunsNote != "" {
		fmt.Fprintf(stdout, "  %s\n", out.RunsNote)
	}
	for _, r := range runs.Runs {
		fmt.Fprintf(stdout, "  %s %-15s %s %d tokens\n", shown(stdout, r.ID), r.Status, shown(stdout, r.Model), r.Usage.TotalTokens)
	}
	return exitOK
}

// listMessages reads one page, or with all every page.
func listMessages(ctx context.Context, c *client.Client, in assistant.ThreadsInput, all bool) (assistant.ThreadsResult, error) {
	var out assistant.ThreadsResult
	for {
		res, err := c.ListMessages(ctx, in.ThreadID, in.Limit, in.After)
		if err != nil {
			return out, err
		}
		out.Messages = append(out.Messages, res.Messages...)
		out.HasMore, out.Next = res.HasMore, res.Next
		if !all || !res.HasMore {
			return out, nil
		}
		in.After = res.Next
	}
}

// threadCommand runs `starter thread update ID --metadata K=V...` and
// `starter thread delete ID`.
func threadCommand(op string) func(context.Context, *client.Client, []string, io.Writer, io.Writer) int {
	return func(ctx context.Context, c *client.Client, args []string, stdout, stderr io.Writer) int {
		fs := flag.NewFlagSet("thread "+op, flag.ContinueOnError)
		fs.SetOutput(stderr)
		meta := map[string]string{}
		fs.Func("metadata", "KEY=VALUE; repeatable (update: the whole metadata)", func(s string) error {
			k, v, ok := strings.Cut(s, "=")
			if !ok {
				return fmt.Errorf("want KEY=VALUE")
			}
			meta[k] = v
			return nil
		})
		id := ""
		if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
			id, args = args[0], args[1:]
		}
		if err := fs.Parse(args); err != nil {
			return exitUsage
		}
		in := assistant.ThreadsInput{Op: assistant.ThreadsOp(op), ThreadID: id, Metadata: meta}
		if err := in.Validate(); err != nil {
			fmt.Fprintf(stderr, "starter thread %s: %v\n", op, err)
			return exitUsage
		}
		var err error
		if op == string(assistant.OpThreadDelete) {
			err = c.DeleteThread(ctx, id)
		} else {
			var th assistant.ThreadInfo
			th, err = c.UpdateThread(ctx, id, meta)
			if err == nil {
				fmt.Fprintln(stdout, shown(stdout, th.ID))
			}
		}
		if err != nil {
			fmt.Fprintf(stderr, "starter thread %s: %s\n", op, describeFailure(err))
			return exitNotDone
		}
		return exitOK
	}
}
