package conformance_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/responses"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// allOverrides sets every per-run override a protocol maps, with a message
// that makes the model call calculate once.
func allOverrides() *assistant.RunOverrides {
	f := func(v float64) *float64 { return &v }
	s := "Answer in French."
	schema := map[string]any{"type": "object", "additionalProperties": false, "required": []any{"echo"},
		"properties": map[string]any{"echo": map[string]any{"type": "string"}}}
	return &assistant.RunOverrides{Model: "gpt-4o-mini", Instructions: &s,
		AdditionalMessages: []assistant.Message{{Role: assistant.RoleUser, Content: "earlier question"}, {Role: assistant.RoleAssistant, Content: "earlier answer"}},
		Tools:              []string{"calculate"}, ToolChoice: "calculate", ParallelToolCalls: new(bool),
		Temperature: f(0.25), TopP: f(0.5), ResponseFormat: assistant.JSONSchemaFormat("answer", schema, true),
		TruncationStrategy: &assistant.TruncationStrategy{Type: assistant.TruncationAuto}, MaxCompletionTokens: 512}
}

// wireSettings are the fields of a run (Assistants) or response (Responses)
// that the overrides set, as the API echoes them.
type wireSettings struct {
	Model        string   `json:"model"`
	Instructions string   `json:"instructions"`
	Temperature  *float64 `json:"temperature"`
	TopP         *float64 `json:"top_p"`
	Parallel     bool     `json:"parallel_tool_calls"`
	Tools        []struct {
		Name     string `json:"name"`
		Function struct {
			Name string `json:"name"`
		} `json:"function"`
	} `json:"tools"`
	ToolChoice     json.RawMessage `json:"tool_choice"`
	ResponseFormat json.RawMessage `json:"response_format"`
	Text           json.RawMessage `json:"text"`
	MaxCompletion  *int64          `json:"max_completion_tokens"`
	MaxOutput      *int64          `json:"max_output_tokens"`
	Truncation     json.RawMessage `json:"truncation"`
	Truncation2    json.RawMessage `json:"truncation_strategy"`
}

func (s wireSettings) toolNames() []string {
	var out []string
	for _, t := range s.Tools {
		out = append(out, t.Name+t.Function.Name)
	}
	return out
}

// readSettings reads a run or response back from the API.
func (w *worker) readSettings(st assistant.RunState) wireSettings {
	w.t.Helper()
	c := openai.NewClient(option.WithBaseURL(w.url), option.WithAPIKey("k"), option.WithMaxRetries(0))
	var raw string
	if w.protocol == "assistants" {
		run, err := c.Beta.Threads.Runs.Get(context.Background(), st.ThreadID, st.APIRunID)
		require.NoError(w.t, err)
		raw = run.RawJSON()
	} else {
		resp, err := c.Responses.Get(context.Background(), st.APIRunID, responses.ResponseGetParams{})
		require.NoError(w.t, err)
		raw = resp.RawJSON()
	}
	var s wireSettings
	require.NoError(w.t, json.Unmarshal([]byte(raw), &s))
	return s
}

// TestRunOverridesReachTheAPI runs a tool round with every override on both
// protocols through the validated emulator: each is sent on its field, the
// Responses chain repeats them after the tool outputs (but not tool_choice),
// and the structured reply is JSON.
func TestRunOverridesReachTheAPI(t *testing.T) {
	eachProtocol(t, func(t *testing.T, w *worker, asst, threadID string) {
		var st assistant.RunState
		w.must(&st, w.acts.StartRun, activities.StartRunInput{ThreadID: threadID, AssistantID: asst, Follow: true,
			Message: "call: calculate {\"expression\":\"2+2\"}", Instructions: "Be brief.", Overrides: allOverrides(), IdempotencyKey: "wf/o1"})
		require.Equal(t, assistant.StatusRequiresAction, st.Status)

		first := w.readSettings(st)
		require.Equal(t, "gpt-4o-mini", first.Model)
		require.Equal(t, "Answer in French.\n\nBe brief.", first.Instructions)
		require.Equal(t, []string{"calculate"}, first.toolNames())
		require.InDelta(t, 0.25, *first.Temperature, 1e-9)
		require.InDelta(t, 0.5, *first.TopP, 1e-9)
		require.False(t, first.Parallel)
		require.Contains(t, string(first.ToolChoice), `"calculate"`)
		if w.protocol == "assistants" {
			require.Contains(t, string(first.ResponseFormat), `"json_schema"`)
			require.EqualValues(t, 512, *first.MaxCompletion)
			require.Contains(t, string(first.Truncation2), `"auto"`)
		} else {
			require.Contains(t, string(first.Text), `"json_schema"`)
			require.EqualValues(t, 512, *first.MaxOutput)
			require.Equal(t, `"auto"`, string(first.Truncation))
		}

		sub := w.toolOutputs(st)
		sub.Follow = true
		w.must(&st, w.acts.SubmitToolOutputs, sub)
		require.Equal(t, assistant.StatusCompleted, st.Status)
		require.True(t, json.Valid([]byte(st.Reply.Text)), "a JSON reply: %s", st.Reply.Text)
		if w.protocol == "responses" { // the chain's next response repeats the run's settings
			next := w.readSettings(st)
			require.Equal(t, "gpt-4o-mini", next.Model)
			require.Equal(t, []string{"calculate"}, next.toolNames())
			require.InDelta(t, 0.25, *next.Temperature, 1e-9)
			require.False(t, next.Parallel)
			require.Contains(t, string(next.Text), `"json_schema"`)
			require.Equal(t, `"auto"`, string(next.ToolChoice), "tool_choice applies to the first response only")
		}

		// Structured output: the model answers the scripted JSON itself.
		w.must(&st, w.acts.StartRun, activities.StartRunInput{ThreadID: threadID, AssistantID: asst, Follow: true,
			Message: `{"echo":"bonjour"}`, Overrides: &assistant.RunOverrides{ResponseFormat: allOverrides().ResponseFormat}, IdempotencyKey: "wf/o2"})
		require.JSONEq(t, `{"echo":"bonjour"}`, st.Reply.Text)
		require.Empty(t, w.chk.Violations())
	})
}

// TestRunOverridesRefused: what the worker cannot honour fails the start
// before anything is sent, naming the field.
func TestRunOverridesRefused(t *testing.T) {
	eachProtocol(t, func(t *testing.T, w *worker, asst, threadID string) {
		refused := func(o *assistant.RunOverrides, field string) {
			t.Helper()
			before := w.srv.Stats().RunsCreated
			err := w.exec(nil, w.acts.StartRun, activities.StartRunInput{ThreadID: threadID, AssistantID: asst,
				Message: "hi", Overrides: o, IdempotencyKey: "wf/r"})
			var appErr *temporal.ApplicationError
			require.ErrorAs(t, err, &appErr)
			require.Equal(t, assistant.ErrorTypeInvalidInput, appErr.Type())
			require.True(t, appErr.NonRetryable())
			require.Contains(t, err.Error(), field)
			require.Equal(t, before, w.srv.Stats().RunsCreated, "nothing was sent")
		}
		refused(&assistant.RunOverrides{Tools: []string{"calculate", "rm_rf"}}, `overrides.tools[1] names "rm_rf"`)
		refused(&assistant.RunOverrides{ToolChoice: "rm_rf"}, "overrides.tool_choice")
		if w.protocol == "responses" {
			refused(&assistant.RunOverrides{MaxPromptTokens: 1000}, "overrides.max_prompt_tokens")
			refused(&assistant.RunOverrides{TruncationStrategy: &assistant.TruncationStrategy{Type: "last_messages", LastMessages: 4}}, "overrides.truncation_strategy")
		}
	})
}
