package assistantsapi

import (
	"context"

	"github.com/openai/openai-go/v3"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// A run's files on the Assistants wire: a message's attachments and image
// parts in its create-run additional message, tool resources on the thread
// (the create-run request has no tool_resources) and on assistants.

// additionalMessage is one message of a run's create: its text alone, or
// its text then its image parts; its attachments with their tools.
func additionalMessage(role, text string, atts []assistant.Attachment, images []assistant.ImagePart) openai.BetaThreadRunNewParamsAdditionalMessage {
	m := openai.BetaThreadRunNewParamsAdditionalMessage{Role: role,
		Content: openai.BetaThreadRunNewParamsAdditionalMessageContentUnion{OfString: openai.String(text)}}
	if len(images) > 0 {
		parts := []openai.MessageContentPartParamUnion{{OfText: &openai.TextContentBlockParam{Text: text}}}
		for _, im := range images {
			parts = append(parts, imagePart(im))
		}
		m.Content = openai.BetaThreadRunNewParamsAdditionalMessageContentUnion{OfArrayOfContentParts: parts}
	}
	for _, a := range atts {
		att := openai.BetaThreadRunNewParamsAdditionalMessageAttachment{FileID: openai.String(a.FileID),
			Tools: []openai.BetaThreadRunNewParamsAdditionalMessageAttachmentToolUnion{}} // required, even empty
		for _, t := range a.Tools {
			if t == assistant.ToolFileSearch {
				att.Tools = append(att.Tools, openai.BetaThreadRunNewParamsAdditionalMessageAttachmentToolUnion{
					OfFileSearch: &openai.BetaThreadRunNewParamsAdditionalMessageAttachmentToolFileSearch{}})
				continue
			}
			att.Tools = append(att.Tools, openai.BetaThreadRunNewParamsAdditionalMessageAttachmentToolUnion{
				OfCodeInterpreter: &openai.CodeInterpreterToolParam{}})
		}
		m.Attachments = append(m.Attachments, att)
	}
	return m
}

// imagePart is an image_file or image_url content part.
func imagePart(im assistant.ImagePart) openai.MessageContentPartParamUnion {
	if im.FileID != "" {
		return openai.MessageContentPartParamUnion{OfImageFile: &openai.ImageFileContentBlockParam{
			ImageFile: openai.ImageFileParam{FileID: im.FileID, Detail: openai.ImageFileDetail(im.Detail)}}}
	}
	return openai.MessageContentPartParamUnion{OfImageURL: &openai.ImageURLContentBlockParam{
		ImageURL: openai.ImageURLParam{URL: im.URL, Detail: openai.ImageURLDetail(im.Detail)}}}
}

// setThreadResources puts a run's tool resources on its thread, where the
// Assistants API keeps them (they stay for the thread's later runs). Setting
// the same resources again is harmless, so a retried start may repeat it.
func (b *Backend) setThreadResources(ctx context.Context, threadID string, r *assistant.ToolResources) error {
	if r == nil {
		return nil
	}
	var tr openai.BetaThreadUpdateParamsToolResources
	if r.CodeInterpreter != nil {
		tr.CodeInterpreter.FileIDs = nonNil(r.CodeInterpreter.FileIDs)
	}
	if r.FileSearch != nil {
		tr.FileSearch.VectorStoreIDs = nonNil(r.FileSearch.VectorStoreIDs)
	}
	_, err := b.client.Beta.Threads.Update(ctx, threadID, openai.BetaThreadUpdateParams{ToolResources: tr})
	return err
}

// builtinTools are the code_interpreter and file_search tools of an assistant.
func builtinTools(names []string) []openai.AssistantToolUnionParam {
	var out []openai.AssistantToolUnionParam
	for _, n := range names {
		switch n {
		case assistant.ToolCodeInterpreter:
			out = append(out, openai.AssistantToolUnionParam{OfCodeInterpreter: &openai.CodeInterpreterToolParam{}})
		case assistant.ToolFileSearch:
			out = append(out, openai.AssistantToolUnionParam{OfFileSearch: &openai.FileSearchToolParam{}})
		}
	}
	return out
}

// assistantResources reads an assistant's tool resources (nil: none).
func assistantResources(a *openai.Assistant) *assistant.ToolResources {
	var r assistant.ToolResources
	if ids := a.ToolResources.CodeInterpreter.FileIDs; len(ids) > 0 {
		r.CodeInterpreter = &assistant.CodeInterpreterResources{FileIDs: ids}
	}
	if ids := a.ToolResources.FileSearch.VectorStoreIDs; len(ids) > 0 {
		r.FileSearch = &assistant.FileSearchResources{VectorStoreIDs: ids}
	}
	if r.CodeInterpreter == nil && r.FileSearch == nil {
		return nil
	}
	return &r
}

func nonNil(ids []string) []string {
	if ids == nil {
		return []string{}
	}
	return ids
}
