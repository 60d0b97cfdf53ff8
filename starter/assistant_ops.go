package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
)

// assistantOpCommand runs `starter assistant apply|get|list|update|delete`.
func assistantOpCommand(op string) command {
	return func(ctx context.Context, c *client.Client, args []string, stdout, stderr io.Writer) int {
		fs := newFlagSet("assistant "+op, stderr)
		var spec assistant.AssistantSpec
		fs.StringVar(&spec.Name, "name", "", "assistant name")
		fs.StringVar(&spec.Model, "model", "", "model, e.g. gpt-4o")
		fs.StringVar(&spec.Instructions, "instructions", "", "system instructions")
		fs.BoolVar(&spec.Tools, "tools", false, "update: put the worker's registered tools on it")
		fs.Func("builtin-tools", "apply, update (with --tools): code_interpreter,file_search besides the registered tools",
			func(s string) error { spec.BuiltinTools = strings.Split(s, ","); return nil })
		addResourceFlags(fs, &spec.ToolResources, "apply, update: ")
		limit := fs.Int("limit", 20, "list: page size (1 to 100)")
		after := fs.String("after", "", "list: the page after this assistant ID")
		all := fs.Bool("all", false, "list: every page")
		asJSON := fs.Bool("json", false, "print JSON")
		id, args := leadingID(args)
		if err := fs.Parse(args); err != nil {
			return exitUsage
		}
		in := assistant.AssistantsInput{Op: assistant.AssistantsOp(op), ID: id, Spec: spec, Limit: *limit, After: *after}
		if err := in.Validate(); err != nil {
			fmt.Fprintf(stderr, "starter assistant %s: %v\n", op, err)
			return exitUsage
		}
		res, err := runAssistantOp(ctx, c, in, *all)
		if err != nil {
			fmt.Fprintf(stderr, "starter assistant %s: %s\n", op, describeFailure(err))
			return exitNotDone
		}
		printAssistants(stdout, res, *asJSON)
		return exitOK
	}
}

// runAssistantOp runs the operation; list --all follows the pages.
func runAssistantOp(ctx context.Context, c *client.Client, in assistant.AssistantsInput, all bool) (assistant.AssistantsResult, error) {
	switch in.Op {
	case assistant.OpApply:
		return c.ApplyAssistant(ctx, in.Spec)
	case assistant.OpGet:
		a, err := c.GetAssistant(ctx, in.ID)
		return assistant.AssistantsResult{Assistant: &a}, err
	case assistant.OpUpdate:
		a, err := c.UpdateAssistant(ctx, in.ID, in.Spec)
		return assistant.AssistantsResult{Assistant: &a, Action: "updated"}, err
	case assistant.OpDelete:
		return assistant.AssistantsResult{Action: "deleted"}, c.DeleteAssistant(ctx, in.ID)
	}
	p, err := readPages(in.After, all, func(after string) (page[assistant.AssistantInfo], error) {
		res, err := c.ListAssistants(ctx, in.Limit, after)
		return page[assistant.AssistantInfo]{res.Assistants, res.HasMore, res.Next}, err
	})
	return assistant.AssistantsResult{Assistants: p.items, HasMore: p.hasMore, Next: p.next}, err
}

func printAssistants(w io.Writer, res assistant.AssistantsResult, asJSON bool) {
	if asJSON {
		printJSON(w, res)
		return
	}
	line := func(a assistant.AssistantInfo) {
		tools := strings.Join(append(slices.Clone(a.Tools), a.BuiltinTools...), ",")
		fmt.Fprintf(w, "%s\t%s\t%s\ttools: %s\n", shown(w, a.ID), shown(w, a.Name), shown(w, a.Model), shown(w, tools))
	}
	if res.Action != "" {
		fmt.Fprintln(w, res.Action)
	}
	if res.Assistant != nil && res.Assistant.ID != "" {
		line(*res.Assistant)
	}
	for _, a := range res.Assistants {
		line(a)
	}
	if res.HasMore {
		fmt.Fprintf(w, "more: --after %s\n", res.Next)
	}
}
