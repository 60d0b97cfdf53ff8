package assistantsapi

import (
	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/shared"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// runOverrides puts a run's overrides on the create-run request, each on the
// Assistants field of the same name. The additional messages go before the
// run's own message, which stays the newest.
func runOverrides(params *openai.BetaThreadRunNewParams, in activities.StartRunInput) {
	o := in.Overrides
	if o == nil {
		return
	}
	if o.Model != "" {
		params.Model = shared.ChatModel(o.Model)
	}
	if o.Instructions != nil {
		params.Instructions = openai.String(*o.Instructions)
	}
	var msgs []openai.BetaThreadRunNewParamsAdditionalMessage
	for _, m := range o.AdditionalMessages {
		msgs = append(msgs, additionalMessage(string(m.Role), m.Content, m.Attachments, m.Images))
	}
	params.AdditionalMessages = append(msgs, params.AdditionalMessages...)
	if o.Tools != nil {
		params.Tools = assistantTools(in.ToolDefs)
	}
	params.ToolChoice = assistantToolChoice(o.ToolChoice)
	if o.ParallelToolCalls != nil {
		params.ParallelToolCalls = openai.Bool(*o.ParallelToolCalls)
	}
	if o.Temperature != nil {
		params.Temperature = openai.Float(*o.Temperature)
	}
	if o.TopP != nil {
		params.TopP = openai.Float(*o.TopP)
	}
	params.ResponseFormat = assistantResponseFormat(o.ResponseFormat)
	if t := o.TruncationStrategy; t != nil {
		params.TruncationStrategy = openai.BetaThreadRunNewParamsTruncationStrategy{Type: t.Type}
		if t.Type == assistant.TruncationLastMessages {
			params.TruncationStrategy.LastMessages = openai.Int(t.LastMessages)
		}
	}
	if o.MaxPromptTokens != 0 {
		params.MaxPromptTokens = openai.Int(o.MaxPromptTokens)
	}
	if o.MaxCompletionTokens != 0 {
		params.MaxCompletionTokens = openai.Int(o.MaxCompletionTokens)
	}
}

// assistantTools are function tool definitions in the Assistants shape.
func assistantTools(defs []assistant.ToolDefinition) []openai.AssistantToolUnionParam {
	out := []openai.AssistantToolUnionParam{} // an empty list offers none
	for _, t := range defs {
		out = append(out, openai.AssistantToolUnionParam{OfFunction: &openai.FunctionToolParam{
			Function: shared.FunctionDefinitionParam{
				Name:        t.Name,
				Description: openai.String(t.Description),
				Parameters:  t.Parameters,
				Strict:      openai.Bool(t.Strict),
			},
		}})
	}
	return out
}

// assistantToolChoice is "auto", "none", "required" or one function.
func assistantToolChoice(choice string) openai.AssistantToolChoiceOptionUnionParam {
	switch choice {
	case "":
		return openai.AssistantToolChoiceOptionUnionParam{}
	case assistant.ToolChoiceAuto, assistant.ToolChoiceNone, assistant.ToolChoiceRequired:
		return openai.AssistantToolChoiceOptionUnionParam{OfAuto: openai.String(choice)}
	}
	return openai.AssistantToolChoiceOptionUnionParam{OfAssistantToolChoice: &openai.AssistantToolChoiceParam{
		Type: openai.AssistantToolChoiceTypeFunction, Function: openai.AssistantToolChoiceFunctionParam{Name: choice}}}
}

// assistantResponseFormat is the response_format of a run.
func assistantResponseFormat(f *assistant.ResponseFormat) openai.AssistantResponseFormatOptionUnionParam {
	switch {
	case f == nil:
		return openai.AssistantResponseFormatOptionUnionParam{}
	case f.Type == assistant.FormatText:
		return openai.AssistantResponseFormatOptionUnionParam{OfText: &shared.ResponseFormatTextParam{}}
	case f.Type == assistant.FormatJSONObject:
		return openai.AssistantResponseFormatOptionUnionParam{OfJSONObject: &shared.ResponseFormatJSONObjectParam{}}
	}
	s := shared.ResponseFormatJSONSchemaJSONSchemaParam{Name: f.JSONSchema.Name, Schema: f.JSONSchema.Schema,
		Strict: openai.Bool(f.JSONSchema.Strict)}
	if f.JSONSchema.Description != "" {
		s.Description = openai.String(f.JSONSchema.Description)
	}
	return openai.AssistantResponseFormatOptionUnionParam{OfJSONSchema: &shared.ResponseFormatJSONSchemaParam{JSONSchema: s}}
}
