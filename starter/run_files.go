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
	fs.Func("code-file", "FILE_ID code_interpreter can read (tool_resources); repeatable", func(s string) error {
		tr := toolResources(req)
		if tr.CodeInterpreter == nil {
			tr.CodeInterpreter = &assistant.CodeInterpreterResources{}
		}
		tr.CodeInterpreter.FileIDs = append(tr.CodeInterpreter.FileIDs, s)
		return nil
	})
	fs.Func("vector-store", "VECTOR_STORE_ID file_search searches (tool_resources)", func(s string) error {
		tr := toolResources(req)
		if tr.FileSearch == nil {
			tr.FileSearch = &assistant.FileSearchResources{}
		}
		tr.FileSearch.VectorStoreIDs = append(tr.FileSearch.VectorStoreIDs, s)
		return nil
	})
	return func() {
		for i := range req.Images {
			req.Images[i].Detail = *detail
		}
	}
}

func toolResources(req *assistant.RunRequest) *assistant.ToolResources {
	if req.ToolResources == nil {
		req.ToolResources = &assistant.ToolResources{}
	}
	return req.ToolResources
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
