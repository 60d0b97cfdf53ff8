package assistant

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRunOverridesValidate(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	s := func(v string) *string { return &v }
	msgs := func(n int) []Message {
		out := make([]Message, n)
		for i := range out {
			out[i] = Message{Role: RoleUser, Content: "m"}
		}
		return out
	}
	schema := map[string]any{"type": "object", "properties": map[string]any{"x": map[string]any{"type": "string"}}}
	tests := []struct {
		name string
		o    RunOverrides
		want []string // substrings of the error; nil = valid
	}{
		{"empty", RunOverrides{}, nil},
		{"all set", RunOverrides{Model: "gpt-4o", Instructions: s(""), AdditionalMessages: msgs(2),
			Tools: []string{"calculate", "current_time"}, ToolChoice: "calculate", ParallelToolCalls: new(bool),
			Temperature: f(0), TopP: f(1), ResponseFormat: JSONSchemaFormat("answer", schema, true),
			TruncationStrategy: &TruncationStrategy{Type: TruncationLastMessages, LastMessages: 3},
			MaxPromptTokens:    256, MaxCompletionTokens: 1000}, nil},
		{"blank model", RunOverrides{Model: " "}, []string{"overrides.model", "blank"}},
		{"long model", RunOverrides{Model: strings.Repeat("m", MaxIDBytes)}, []string{"overrides.model"}},
		{"instructions too long", RunOverrides{Instructions: s(strings.Repeat("<", MaxInstructionsBytes/6+1))}, []string{"overrides.instructions", "encoded"}},
		{"32 messages", RunOverrides{AdditionalMessages: msgs(32)}, nil},
		{"33 messages", RunOverrides{AdditionalMessages: msgs(33)}, []string{"overrides.additional_messages", "32"}},
		{"message role", RunOverrides{AdditionalMessages: []Message{{Role: "system", Content: "x"}}}, []string{"overrides.additional_messages[0].role"}},
		{"empty message", RunOverrides{AdditionalMessages: []Message{{Role: RoleAssistant, Content: " "}}}, []string{"overrides.additional_messages[0].content", "empty"}},
		{"bad tool name", RunOverrides{Tools: []string{"a b"}}, []string{"overrides.tools[0]"}},
		{"tool twice", RunOverrides{Tools: []string{"a", "a"}}, []string{"overrides.tools", "twice"}},
		{"too many tools", RunOverrides{Tools: func() []string {
			var n []string
			for i := range MaxRunTools + 1 {
				n = append(n, fmt.Sprint("t", i))
			}
			return n
		}()}, []string{"overrides.tools", "128"}},
		{"tool choice none", RunOverrides{ToolChoice: "none"}, nil},
		{"tool choice bad", RunOverrides{ToolChoice: "call it"}, []string{"overrides.tool_choice", "auto, none, required"}},
		{"tool choice outside tools", RunOverrides{Tools: []string{"a"}, ToolChoice: "b"}, []string{"overrides.tool_choice", "not in overrides.tools"}},
		{"temperature high", RunOverrides{Temperature: f(2.5)}, []string{"overrides.temperature", "between 0 and 2"}},
		{"temperature negative", RunOverrides{Temperature: f(-0.1)}, []string{"overrides.temperature"}},
		{"top_p high", RunOverrides{TopP: f(1.1)}, []string{"overrides.top_p"}},
		{"format type", RunOverrides{ResponseFormat: &ResponseFormat{Type: "xml"}}, []string{"overrides.response_format.type"}},
		{"format json_object", RunOverrides{ResponseFormat: &ResponseFormat{Type: FormatJSONObject}}, nil},
		{"format schema missing", RunOverrides{ResponseFormat: &ResponseFormat{Type: FormatJSONSchema}}, []string{"overrides.response_format.json_schema", "missing"}},
		{"format schema on text", RunOverrides{ResponseFormat: &ResponseFormat{Type: FormatText, JSONSchema: &JSONSchema{}}}, []string{"overrides.response_format.json_schema"}},
		{"format schema name", RunOverrides{ResponseFormat: JSONSchemaFormat("a.b", schema, false)}, []string{"overrides.response_format.json_schema.name"}},
		{"format schema empty", RunOverrides{ResponseFormat: JSONSchemaFormat("a", nil, false)}, []string{"overrides.response_format.json_schema.schema", "empty"}},
		{"format schema too big", RunOverrides{ResponseFormat: JSONSchemaFormat("a", map[string]any{"description": strings.Repeat("d", MaxSchemaBytes)}, false)},
			[]string{"overrides.response_format.json_schema.schema", "encoded", fmt.Sprint(MaxSchemaBytes)}},
		{"truncation type", RunOverrides{TruncationStrategy: &TruncationStrategy{Type: "first"}}, []string{"overrides.truncation_strategy.type"}},
		{"truncation auto with count", RunOverrides{TruncationStrategy: &TruncationStrategy{Type: TruncationAuto, LastMessages: 2}}, []string{"overrides.truncation_strategy.last_messages"}},
		{"truncation last 0", RunOverrides{TruncationStrategy: &TruncationStrategy{Type: TruncationLastMessages}}, []string{"overrides.truncation_strategy.last_messages", "at least 1"}},
		{"prompt cap low", RunOverrides{MaxPromptTokens: 255}, []string{"overrides.max_prompt_tokens", "256"}},
		{"completion cap low", RunOverrides{MaxCompletionTokens: 1}, []string{"overrides.max_completion_tokens", "256"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := tc.o
			err := RunRequest{AssistantID: "asst_1", Message: "hi", Overrides: &o}.Validate()
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			for _, w := range tc.want {
				require.Contains(t, err.Error(), w)
			}
		})
	}
}

// TestRunRequestEncodedSize: parts each within their limits may still
// together pass the whole request's, counted encoded.
func TestRunRequestEncodedSize(t *testing.T) {
	big := strings.Repeat("<", (MaxMessageBytes-2)/6) // each at the message limit, encoded
	o := &RunOverrides{}
	for range 3 {
		o.AdditionalMessages = append(o.AdditionalMessages, Message{Role: RoleUser, Content: big})
	}
	err := RunRequest{AssistantID: "asst_1", Message: big, Overrides: o}.Validate()
	require.ErrorContains(t, err, fmt.Sprint(MaxRunRequestBytes))
	o.AdditionalMessages = o.AdditionalMessages[:1]
	require.NoError(t, RunRequest{AssistantID: "asst_1", Message: big, Overrides: o}.Validate())
}
