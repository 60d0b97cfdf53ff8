package main

import (
	"context"
	"fmt"
	"io"

	"github.com/durable-assistants/durable-assistants/client"
)

// assistantCreateCommand creates an assistant carrying the worker's tools and
// prints its ID (alone, so scripts can capture it).
func assistantCreateCommand(ctx context.Context, c *client.Client, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("assistant create", stderr)
	name := fs.String("name", "", "assistant name (required)")
	model := fs.String("model", "", "model, e.g. gpt-4o (required)")
	instructions := fs.String("instructions", "", "system instructions")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if *name == "" || *model == "" {
		fmt.Fprintln(stderr, "starter assistant create: --name and --model are required")
		return exitUsage
	}
	id, err := c.CreateAssistant(ctx, *name, *model, *instructions)
	if err != nil {
		fmt.Fprintln(stderr, "starter assistant create:", err)
		return exitNotDone
	}
	fmt.Fprintln(stdout, id)
	return exitOK
}
