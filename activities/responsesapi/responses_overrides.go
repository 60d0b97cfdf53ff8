package responsesapi

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/responses"
	"github.com/openai/openai-go/v3/shared"
	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// Flags of the chain tag: which overrides the run's next responses must
// repeat. Sampling settings are repeated only when the run set them, since
// some models refuse them and every response echoes a default.
const (
	flagToolsRestricted = "r"
	flagTemperature     = "t"
	flagTopP            = "p"
)

// refuseResponsesOverrides refuses the overrides the Responses API has no
// field for, naming them, before anything is sent.
func refuseResponsesOverrides(o *assistant.RunOverrides) error {
	var why string
	switch {
	case o == nil:
		return nil
	case o.MaxPromptTokens != 0:
		why = "overrides.max_prompt_tokens has no equivalent on the responses protocol (max_completion_tokens maps to max_output_tokens)"
	case o.TruncationStrategy != nil && o.TruncationStrategy.Type == assistant.TruncationLastMessages:
		why = "overrides.truncation_strategy last_messages has no equivalent on the responses protocol (auto maps to truncation: auto)"
	default:
		return nil
	}
	return temporal.NewNonRetryableApplicationError("start run: "+why, assistant.ErrorTypeInvalidInput, nil)
}

// responseOverrides puts a run's overrides on its first response and
// returns the tag flags its next responses need. tool_choice applies to the
// first response only: repeated after tool outputs, "required" or a named
// tool would make the model call tools forever.
func (b *Backend) responseOverrides(params *responses.ResponseNewParams, in activities.StartRunInput) (flags string) {
	o := in.Overrides
	if o == nil {
		return ""
	}
	if o.Model != "" {
		params.Model = shared.ResponsesModel(o.Model)
	}
	var items responses.ResponseInputParam
	for _, m := range o.AdditionalMessages {
		items = append(items, inputMessage(m.Role, m.Content, m.Attachments, m.Images))
	}
	params.Input.OfInputItemList = append(items, params.Input.OfInputItemList...)
	if o.Tools != nil {
		params.Tools, flags = responseTools(in.ToolDefs), flags+flagToolsRestricted
	}
	params.ToolChoice = responseToolChoice(o.ToolChoice)
	if o.ParallelToolCalls != nil {
		params.ParallelToolCalls = openai.Bool(*o.ParallelToolCalls)
	}
	if o.Temperature != nil {
		params.Temperature, flags = openai.Float(*o.Temperature), flags+flagTemperature
	}
	if o.TopP != nil {
		params.TopP, flags = openai.Float(*o.TopP), flags+flagTopP
	}
	if o.ResponseFormat != nil {
		params.Text = responses.ResponseTextConfigParam{Format: responseTextFormat(o.ResponseFormat)}
	}
	if o.TruncationStrategy != nil {
		params.Truncation = responses.ResponseNewParamsTruncationAuto
	}
	if o.MaxCompletionTokens != 0 {
		params.MaxOutputTokens = openai.Int(o.MaxCompletionTokens)
	}
	return flags
}

// responseTools are function tool definitions in the Responses shape.
func responseTools(defs []assistant.ToolDefinition) []responses.ToolUnionParam {
	out := []responses.ToolUnionParam{} // an empty list offers none
	for _, t := range defs {
		out = append(out, responses.ToolUnionParam{OfFunction: &responses.FunctionToolParam{
			Name: t.Name, Description: openai.String(t.Description), Parameters: t.Parameters, Strict: openai.Bool(t.Strict),
		}})
	}
	return out
}

func responseToolChoice(choice string) responses.ResponseNewParamsToolChoiceUnion {
	switch choice {
	case "":
		return responses.ResponseNewParamsToolChoiceUnion{}
	case assistant.ToolChoiceAuto, assistant.ToolChoiceNone, assistant.ToolChoiceRequired:
		return responses.ResponseNewParamsToolChoiceUnion{OfToolChoiceMode: openai.Opt(responses.ToolChoiceOptions(choice))}
	}
	return responses.ResponseNewParamsToolChoiceUnion{OfFunctionTool: &responses.ToolChoiceFunctionParam{Name: choice}}
}

// responseTextFormat is the text.format of a response.
func responseTextFormat(f *assistant.ResponseFormat) responses.ResponseFormatTextConfigUnionParam {
	switch f.Type {
	case assistant.FormatJSONObject:
		return responses.ResponseFormatTextConfigUnionParam{OfJSONObject: &shared.ResponseFormatJSONObjectParam{}}
	case assistant.FormatJSONSchema:
		s := &responses.ResponseFormatTextJSONSchemaConfigParam{Name: f.JSONSchema.Name, Schema: f.JSONSchema.Schema,
			Strict: openai.Bool(f.JSONSchema.Strict)}
		if f.JSONSchema.Description != "" {
			s.Description = openai.String(f.JSONSchema.Description)
		}
		return responses.ResponseFormatTextConfigUnionParam{OfJSONSchema: s}
	}
	return responses.ResponseFormatTextConfigUnionParam{OfText: &shared.ResponseFormatTextParam{}}
}

// chainSettings are the settings a run's next response repeats from the
// previous one, read from the Response object the API echoes them in.
type chainSettings struct {
	Temperature       *float64    `json:"temperature"`
	TopP              *float64    `json:"top_p"`
	ParallelToolCalls *bool       `json:"parallel_tool_calls"`
	MaxOutputTokens   *int64      `json:"max_output_tokens"`
	Truncation        string      `json:"truncation"`
	Tools             []chainTool `json:"tools"`
	Text              *struct {
		Format *struct {
			Type        string         `json:"type"`
			Name        string         `json:"name"`
			Description string         `json:"description"`
			Schema      map[string]any `json:"schema"`
			Strict      *bool          `json:"strict"`
		} `json:"format"`
	} `json:"text"`
}

// readChainSettings decodes the settings from a raw Response body.
func readChainSettings(raw string) (chainSettings, error) {
	var s chainSettings
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		return chainSettings{}, fmt.Errorf("decode response settings: %w", err)
	}
	return s, nil
}

// apply puts the previous response's settings on the next one. Tools are
// the registered ones read anew, narrowed to the previous response's when
// the run restricted them.
func (s chainSettings) apply(params *responses.ResponseNewParams, flags string) {
	if strings.Contains(flags, flagToolsRestricted) {
		keep := map[string]bool{}
		for _, t := range s.Tools {
			keep[t.Name] = true
		}
		tools := []responses.ToolUnionParam{}
		for _, t := range params.Tools {
			if t.OfFunction != nil && keep[t.OfFunction.Name] {
				tools = append(tools, t)
			}
		}
		params.Tools = tools
	}
	for _, t := range s.Tools {
		if tool, ok := t.builtin(); ok {
			params.Tools = append(params.Tools, tool)
		}
	}
	if s.Temperature != nil && strings.Contains(flags, flagTemperature) {
		params.Temperature = openai.Float(*s.Temperature)
	}
	if s.TopP != nil && strings.Contains(flags, flagTopP) {
		params.TopP = openai.Float(*s.TopP)
	}
	if s.ParallelToolCalls != nil && !*s.ParallelToolCalls {
		params.ParallelToolCalls = openai.Bool(false)
	}
	if s.MaxOutputTokens != nil {
		params.MaxOutputTokens = openai.Int(*s.MaxOutputTokens)
	}
	if s.Truncation == string(responses.ResponseNewParamsTruncationAuto) {
		params.Truncation = responses.ResponseNewParamsTruncationAuto
	}
	if s.Text != nil && s.Text.Format != nil && s.Text.Format.Type != assistant.FormatText {
		f := s.Text.Format
		rf := &assistant.ResponseFormat{Type: f.Type}
		if f.Type == assistant.FormatJSONSchema {
			rf.JSONSchema = &assistant.JSONSchema{Name: f.Name, Description: f.Description, Schema: f.Schema, Strict: f.Strict != nil && *f.Strict}
		}
		params.Text = responses.ResponseTextConfigParam{Format: responseTextFormat(rf)}
	}
}
