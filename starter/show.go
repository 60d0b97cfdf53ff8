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

// showCommand runs `starter show --thread ID`: the thread, a page of its
// messages and of its runs (newest first; runs on the assistants protocol).
func showCommand(ctx context.Context, c *client.Client, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("show", stderr)
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
	v, err := readThread(ctx, c, in, *all)
	if err != nil {
		fmt.Fprintln(stderr, "starter show:", describeFailure(err))
		return exitNotDone
	}
	if *asJSON {
		printJSON(stdout, v)
	} else {
		v.print(stdout)
	}
	return exitOK
}

// threadView is what `starter show` prints; with --json, exactly this object.
type threadView struct {
	Thread   assistant.ThreadInfo    `json:"thread"`
	Messages assistant.ThreadsResult `json:"messages"`
	Runs     assistant.ThreadsResult `json:"runs"`
	// RunsNote says why no runs are listed (the responses protocol cannot
	// list a conversation's responses).
	RunsNote string `json:"runs_note,omitempty"`
}

// readThread reads the thread, the page of its messages in asks for (with
// all, every page from there) and the first page of its runs.
func readThread(ctx context.Context, c *client.Client, in assistant.ThreadsInput, all bool) (threadView, error) {
	th, err := c.GetThread(ctx, in.ThreadID)
	if err != nil {
		return threadView{}, err
	}
	msgs, err := readPages(in.After, all, func(after string) (page[assistant.ThreadMessage], error) {
		res, err := c.ListMessages(ctx, in.ThreadID, in.Limit, after)
		return page[assistant.ThreadMessage]{res.Messages, res.HasMore, res.Next}, err
	})
	if err != nil {
		return threadView{}, err
	}
	v := threadView{Thread: th, Messages: assistant.ThreadsResult{Messages: msgs.items, HasMore: msgs.hasMore, Next: msgs.next}}
	v.Runs, err = c.ListRuns(ctx, in.ThreadID, in.Limit, "")
	if err != nil {
		v.RunsNote = describeFailure(err)
	}
	return v, nil
}

// print writes the view as text: the thread's ID and metadata, then its
// messages and its runs.
func (v threadView) print(w io.Writer) {
	fmt.Fprintf(w, "Thread %s\n", shown(w, v.Thread.ID))
	for _, k := range slices.Sorted(maps.Keys(v.Thread.Metadata)) {
		fmt.Fprintf(w, "  %s=%s\n", shown(w, k), shown(w, v.Thread.Metadata[k]))
	}
	fmt.Fprintln(w, "\nMessages (newest first)")
	for _, m := range v.Messages.Messages {
		fmt.Fprintf(w, "  %s %-9s %s\n", shown(w, m.ID), shown(w, m.Role), shown(w, oneLine(m.Text, 200)))
	}
	if v.Messages.HasMore {
		fmt.Fprintf(w, "  more: --after %s\n", v.Messages.Next)
	}
	fmt.Fprintln(w, "\nRuns (newest first)")
	if v.RunsNote != "" {
		fmt.Fprintf(w, "  %s\n", v.RunsNote)
	}
	for _, r := range v.Runs.Runs {
		fmt.Fprintf(w, "  %s %-15s %s %d tokens\n", shown(w, r.ID), r.Status, shown(w, r.Model), r.Usage.TotalTokens)
	}
}

// threadCommand runs `starter thread update ID --metadata K=V...` and
// `starter thread delete ID`.
func threadCommand(op string) command {
	return func(ctx context.Context, c *client.Client, args []string, stdout, stderr io.Writer) int {
		fs := newFlagSet("thread "+op, stderr)
		meta := map[string]string{}
		fs.Func("metadata", "KEY=VALUE; repeatable (update: the whole metadata)", func(s string) error {
			k, v, ok := strings.Cut(s, "=")
			if !ok {
				return fmt.Errorf("want KEY=VALUE")
			}
			meta[k] = v
			return nil
		})
		id, args := leadingID(args)
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
