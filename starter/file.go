package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
)

// fileCommand runs `starter file upload|list|get|delete`.
func fileCommand(op string) command {
	return func(ctx context.Context, c *client.Client, args []string, stdout, stderr io.Writer) int {
		f, in, err := parseFileFlags(op, args, stderr)
		if err != nil {
			return exitUsage
		}
		res, err := runFileOp(ctx, c, in, f.all)
		if err != nil {
			fmt.Fprintf(stderr, "starter file %s: %s\n", op, describeFailure(err))
			return exitNotDone
		}
		if in.Op == assistant.OpFileContent {
			return writeContent(stdout, stderr, f.out, res.Content)
		}
		printFiles(stdout, res, f.json)
		return exitOK
	}
}

// fileFlags are the flags of `starter file` commands.
type fileFlags struct {
	all, json bool
	out       string
}

// parseFileFlags reads the arguments into one operation; upload reads the
// file, refusing one too large before anything is started.
func parseFileFlags(op string, args []string, stderr io.Writer) (fileFlags, assistant.FilesInput, error) {
	fs := newFlagSet("file "+op, stderr)
	var f fileFlags
	purpose := fs.String("purpose", "", "upload: assistants (default), vision or user_data; list: only files of this purpose")
	name := fs.String("name", "", "upload: the file's name at the API (default: the path's base name)")
	limit := fs.Int("limit", 20, "list: page size (1 to 100)")
	after := fs.String("after", "", "list: the page after this file ID")
	fs.BoolVar(&f.all, "all", false, "list: every page")
	content := fs.Bool("content", false, "get: print the file's bytes (to --out, or standard output when it is not a terminal)")
	fs.StringVar(&f.out, "out", "", "get --content: write the bytes to this file")
	fs.BoolVar(&f.json, "json", false, "print JSON")
	arg, args := leadingID(args)
	if err := fs.Parse(args); err != nil {
		return f, assistant.FilesInput{}, err
	}
	in := assistant.FilesInput{Op: assistant.FilesOp(op), FileID: arg, Purpose: *purpose, Limit: *limit, After: *after}
	switch {
	case op == "upload":
		in.FileID, in.Purpose = "", ""
		up, err := readUpload(arg, *name, *purpose)
		if err != nil {
			fmt.Fprintf(stderr, "starter file upload: %v\n", err)
			return f, in, errUsage
		}
		in.Upload = &up
	case op == "get" && *content:
		in.Op = assistant.OpFileContent
	}
	if err := in.Validate(); err != nil {
		fmt.Fprintf(stderr, "starter file %s: %v\n", op, err)
		return f, in, errUsage
	}
	return f, in, nil
}

// readUpload reads the file at path, refusing one larger than a Files
// workflow carries before reading it.
func readUpload(path, name, purpose string) (assistant.FileUpload, error) {
	if path == "" {
		return assistant.FileUpload{}, fmt.Errorf("name the file to upload: starter file upload PATH")
	}
	st, err := os.Stat(path)
	if err != nil {
		return assistant.FileUpload{}, err
	}
	if st.Size() > assistant.MaxFileBytes {
		return assistant.FileUpload{}, fmt.Errorf("%s is %d bytes; the limit is %d (%d once encoded)",
			path, st.Size(), assistant.MaxFileBytes, assistant.MaxFileEncodedBytes)
	}
	content, err := os.ReadFile(path)
	if err != nil {
		return assistant.FileUpload{}, err
	}
	if name == "" {
		name = filepath.Base(path)
	}
	return assistant.FileUpload{Filename: name, Purpose: purpose, Content: content}, nil
}

// runFileOp runs the operation; list --all follows the pages.
func runFileOp(ctx context.Context, c *client.Client, in assistant.FilesInput, all bool) (assistant.FilesResult, error) {
	switch in.Op {
	case assistant.OpFileUpload:
		f, err := c.UploadFile(ctx, *in.Upload)
		return assistant.FilesResult{File: &f}, err
	case assistant.OpFileGet:
		f, err := c.GetFile(ctx, in.FileID)
		return assistant.FilesResult{File: &f}, err
	case assistant.OpFileContent:
		b, err := c.FileContent(ctx, in.FileID)
		return assistant.FilesResult{Content: b}, err
	case assistant.OpFileDelete:
		return assistant.FilesResult{Deleted: true}, c.DeleteFile(ctx, in.FileID)
	}
	p, err := readPages(in.After, all, func(after string) (page[assistant.FileInfo], error) {
		res, err := c.ListFiles(ctx, in.Purpose, in.Limit, after)
		return page[assistant.FileInfo]{items: res.Files, hasMore: res.HasMore, next: res.Next}, err
	})
	return assistant.FilesResult{Files: p.items, HasMore: p.hasMore, Next: p.next}, err
}

// writeContent writes a file's bytes to path, or to stdout unless it is a
// terminal (the bytes may hold control sequences).
func writeContent(stdout, stderr io.Writer, path string, content []byte) int {
	if path != "" {
		if err := os.WriteFile(path, content, 0o600); err != nil {
			fmt.Fprintln(stderr, "starter file get:", err)
			return exitNotDone
		}
		return exitOK
	}
	if isTerminal(stdout) {
		fmt.Fprintln(stderr, "starter file get --content: standard output is a terminal; give --out FILE or pipe it")
		return exitUsage
	}
	_, _ = stdout.Write(content)
	return exitOK
}

func printFiles(w io.Writer, res assistant.FilesResult, asJSON bool) {
	if asJSON {
		printJSON(w, res)
		return
	}
	line := func(f assistant.FileInfo) {
		fmt.Fprintf(w, "%s\t%s\t%d bytes\t%s\n", shown(w, f.ID), shown(w, f.Filename), f.Bytes, shown(w, f.Purpose))
	}
	if res.Deleted {
		fmt.Fprintln(w, "deleted")
	}
	if res.File != nil && res.File.ID != "" {
		line(*res.File)
	}
	for _, f := range res.Files {
		line(f)
	}
	if res.HasMore {
		fmt.Fprintf(w, "more: --after %s\n", res.Next)
	}
}
