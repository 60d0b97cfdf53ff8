package main

import (
	"context"
	"encoding/json"
	"flag"
	"io"
	"strings"

	"github.com/durable-assistants/durable-assistants/client"
)

// What the subcommands share: their type, flag sets, a leading ID argument,
// paging and JSON output.

// command runs one subcommand with its arguments and returns its exit code.
type command func(ctx context.Context, c *client.Client, args []string, stdout, stderr io.Writer) int

// newFlagSet is a subcommand's flag set: errors are returned (the command
// answers exitUsage) and printed on stderr.
func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// page is one page of a list operation: its items, and the cursor of the
// next page when there is one.
type page[T any] struct {
	items   []T
	hasMore bool
	next    string
}

// readPages reads the page after after, and with all every page after it,
// joining their items; hasMore and next are the last page's. On an error
// the pages read so far are returned with it.
func readPages[T any](after string, all bool, read func(after string) (page[T], error)) (page[T], error) {
	var out page[T]
	for {
		p, err := read(after)
		if err != nil {
			return out, err
		}
		out.items = append(out.items, p.items...)
		out.hasMore, out.next = p.hasMore, p.next
		if !all || !p.hasMore {
			return out, nil
		}
		after = p.next
	}
}

// leadingID splits a command's arguments into the ID before its flags ("" when
// the first argument is a flag) and the rest.
func leadingID(args []string) (string, []string) {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		return args[0], args[1:]
	}
	return "", args
}

// printJSON prints v as one JSON object (--json), with <, > and & as they
// are: the output is read by scripts, not embedded in HTML.
func printJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}
