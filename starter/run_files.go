package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// addFileFlags adds the flags of a run's files (upload them first with
// `starter file upload`): attachments, image parts and tool resources. The
// function it returns, called once the flags are parsed, gives every image
// the --image-detail.
func addFileFlags(fs *flag.FlagSet, req *assistant.RunRequest) func() {
	fs.Func("attach", "FILE_ID[:code_interpreter,file_search]: a file attached to the message for those tools "+
		"(none: for the model to read); repeatable", func(s string) error {
		id, tools, _ := strings.Cut(s, ":")
		a := assistant.Attachment{FileID: id, Tools: []string{}}
		if tools != "" {
			a.Tools = strings.Split(tools, ",")
		}
		req.Attachments = append(req.Attachments, a)
		return nil
	})
	fs.Func("image", "an image after the message's text: a file ID (purpose vision) or an http(s) URL; repeatable",
		func(s string) error {
			im := assistant.ImagePart{FileID: s}
			if strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") {
				im = assistant.ImagePart{URL: s}
			}
			req.Images = append(req.Images, im)
			return nil
		})
	detail := fs.String("image-detail", "", "auto, low or high: the detail of every --image")
	addResourceFlags(fs, &req.ToolResources, "")
	return func() {
		for i := range req.Images {
			req.Images[i].Detail = *detail
		}
	}
}

// addResourceFlags adds --code-file and --vector-store, which fill *tr
// (tool resources); prefix names the commands they apply to in the help.
func addResourceFlags(fs *flag.FlagSet, tr **assistant.ToolResources, prefix string) {
	resources := func() *assistant.ToolResources {
		if *tr == nil {
			*tr = &assistant.ToolResources{}
		}
		return *tr
	}
	fs.Func("code-file", prefix+"FILE_ID code_interpreter can read (tool_resources); repeatable", func(s string) error {
		r := resources()
		if r.CodeInterpreter == nil {
			r.CodeInterpreter = &assistant.CodeInterpreterResources{}
		}
		r.CodeInterpreter.FileIDs = append(r.CodeInterpreter.FileIDs, s)
		return nil
	})
	fs.Func("vector-store", prefix+"VECTOR_STORE_ID file_search searches (tool_resources)", func(s string) error {
		r := resources()
		if r.FileSearch == nil {
			r.FileSearch = &assistant.FileSearchResources{}
		}
		r.FileSearch.VectorStoreIDs = append(r.FileSearch.VectorStoreIDs, s)
		return nil
	})
}

// printAnnotations lists the reply's citations and file paths, one a line.
func printAnnotations(w io.Writer, anns []assistant.Annotation) {
	for _, a := range anns {
		what := a.FileID
		if a.URL != "" {
			what = a.URL
		}
		fmt.Fprintf(w, "  %s %s at %d..%d %s\n", shown(w, a.Type), shown(w, what), a.StartIndex, a.EndIndex, shown(w, a.Filename))
	}
}
