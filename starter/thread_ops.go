package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
)

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
