package responsesapi

import (
	"encoding/json"
	"fmt"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/responses"
	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// A run's files on the Responses wire. An image part is an input_image
// part, an attachment without tools an input_file part (the model reads the
// file); an attachment for code_interpreter puts its file in the
// code_interpreter tool's container, with tool_resources' code files, as the
// Assistants API puts it in the thread's resources. file_search searches the
// vector stores of tool_resources; an attachment for file_search has no
// equivalent (the Assistants API makes a vector store of it; Responses
// makes none) and is refused, as are files in assistant messages (Responses
// takes image and file parts in user input only).

// refuseResponsesFiles refuses, naming the field, what has no equivalent.
func refuseResponsesFiles(in activities.StartRunInput) error {
	check := func(field string, role assistant.Role, atts []assistant.Attachment, images []assistant.ImagePart) error {
		if role == assistant.RoleAssistant && len(atts)+len(images) > 0 {
			return fmt.Errorf("%s is an assistant message with files; the responses protocol takes images and files in user messages only", field)
		}
		for i, a := range atts {
			for _, t := range a.Tools {
				if t == assistant.ToolFileSearch {
					return fmt.Errorf("%s.attachments[%d].tools names file_search, which has no equivalent on the responses protocol: "+
						"file_search searches vector stores there; put the file in one and name it in tool_resources.file_search.vector_store_ids", field, i)
				}
			}
		}
		return nil
	}
	var err error
	if in.Overrides != nil {
		for i, m := range in.Overrides.AdditionalMessages {
			if err == nil {
				err = check(fmt.Sprintf("overrides.additional_messages[%d]", i), m.Role, m.Attachments, m.Images)
			}
		}
	}
	if err == nil {
		err = check("message", assistant.RoleUser, in.Attachments, in.Images)
	}
	if err != nil {
		return temporal.NewNonRetryableApplicationError("start run: "+err.Error(), assistant.ErrorTypeInvalidInput, nil)
	}
	return nil
}

// inputMessage is a message item: its text alone, or its text then its
// image parts and the input_file parts of its attachments without tools.
func inputMessage(role assistant.Role, text string, atts []assistant.Attachment, images []assistant.ImagePart) responses.ResponseInputItemUnionParam {
	var parts responses.ResponseInputMessageContentListParam
	for _, im := range images {
		p := &responses.ResponseInputImageParam{Detail: responses.ResponseInputImageDetailAuto}
		if im.Detail != "" {
			p.Detail = responses.ResponseInputImageDetail(im.Detail)
		}
		if im.FileID != "" {
			p.FileID = openai.String(im.FileID)
		} else {
			p.ImageURL = openai.String(im.URL)
		}
		parts = append(parts, responses.ResponseInputContentUnionParam{OfInputImage: p})
	}
	for _, a := range atts {
		if len(a.Tools) == 0 {
			parts = append(parts, responses.ResponseInputContentUnionParam{OfInputFile: &responses.ResponseInputFileParam{FileID: openai.String(a.FileID)}})
		}
	}
	msg := responses.ResponseInputItemParamOfMessage(text, responses.EasyInputMessageRole(role))
	if len(parts) > 0 {
		text := responses.ResponseInputContentUnionParam{OfInputText: &responses.ResponseInputTextParam{Text: text}}
		msg = responses.ResponseInputItemParamOfMessage(append(responses.ResponseInputMessageContentListParam{text}, parts...),
			responses.EasyInputMessageRole(role))
	}
	// The spec's InputItem union is discriminated by type, so say it.
	msg.OfMessage.Type = responses.EasyInputMessageTypeMessage
	return msg
}

// fileTools are the built-in tools a run's files ask for: code_interpreter
// with a container holding tool_resources' code files and the files of the
// code_interpreter attachments (each once), file_search over the vector
// stores of tool_resources.
func fileTools(in activities.StartRunInput) []responses.ToolUnionParam {
	var files []string
	seen := map[string]bool{}
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			files = append(files, id)
		}
	}
	addAttached := func(atts []assistant.Attachment) {
		for _, a := range atts {
			for _, t := range a.Tools {
				if t == assistant.ToolCodeInterpreter {
					add(a.FileID)
				}
			}
		}
	}
	if in.Overrides != nil {
		for _, m := range in.Overrides.AdditionalMessages {
			addAttached(m.Attachments)
		}
	}
	addAttached(in.Attachments)
	var stores []string
	if r := in.ToolResources; r != nil {
		if r.CodeInterpreter != nil {
			for _, id := range r.CodeInterpreter.FileIDs {
				add(id)
			}
		}
		if r.FileSearch != nil {
			stores = r.FileSearch.VectorStoreIDs
		}
	}
	var tools []responses.ToolUnionParam
	if r := in.ToolResources; len(files) > 0 || r != nil && r.CodeInterpreter != nil {
		tools = append(tools, codeInterpreter(files))
	}
	if len(stores) > 0 {
		tools = append(tools, responses.ToolUnionParam{OfFileSearch: &responses.FileSearchToolParam{VectorStoreIDs: stores}})
	}
	return tools
}

// codeInterpreter is the code_interpreter tool with a new container ("auto")
// holding files.
func codeInterpreter(files []string) responses.ToolUnionParam {
	return responses.ToolUnionParam{OfCodeInterpreter: &responses.ToolCodeInterpreterParam{
		Container: responses.ToolCodeInterpreterContainerUnionParam{
			OfCodeInterpreterToolAuto: &responses.ToolCodeInterpreterContainerCodeInterpreterContainerAutoParam{FileIDs: files}}}}
}

// chainTool is a tool of a previous response as the API echoes it; the
// built-in ones are repeated on the run's next response.
type chainTool struct {
	Type           string          `json:"type"`
	Name           string          `json:"name"`
	Container      json.RawMessage `json:"container"`
	VectorStoreIDs []string        `json:"vector_store_ids"`
}

// builtin is the tool again for the next response, ok false for a function
// (those are the registered ones, read anew). A code_interpreter container
// the API named by ID is reused; one it echoes as {"type": "auto"} is asked
// for again with the same files.
func (t chainTool) builtin() (responses.ToolUnionParam, bool) {
	switch t.Type {
	case assistant.ToolFileSearch:
		return responses.ToolUnionParam{OfFileSearch: &responses.FileSearchToolParam{VectorStoreIDs: t.VectorStoreIDs}}, true
	case assistant.ToolCodeInterpreter:
		var id string
		if json.Unmarshal(t.Container, &id) == nil && id != "" {
			return responses.ToolUnionParam{OfCodeInterpreter: &responses.ToolCodeInterpreterParam{
				Container: responses.ToolCodeInterpreterContainerUnionParam{OfString: openai.String(id)}}}, true
		}
		var auto struct {
			FileIDs []string `json:"file_ids"`
		}
		_ = json.Unmarshal(t.Container, &auto)
		return codeInterpreter(auto.FileIDs), true
	}
	return responses.ToolUnionParam{}, false
}
