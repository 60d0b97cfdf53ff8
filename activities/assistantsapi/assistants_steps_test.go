package assistantsapi

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// A code_interpreter call's input and logs, and a file_search call's files,
// become the step's call, its text cut to stepBytes: steps ride in history.
func TestRunStepBuiltInToolsAreCut(t *testing.T) {
	long := strings.Repeat("<", stepBytes)
	var s openai.RunStep
	require.NoError(t, s.UnmarshalJSON([]byte(`{"id":"step_1","type":"tool_calls","status":"completed","step_details":{"type":"tool_calls","tool_calls":[
		{"id":"ci_1","type":"code_interpreter","code_interpreter":{"input":"print(1)","outputs":[{"type":"logs","logs":"`+long+`"},{"type":"image","image":{"file_id":"file_img"}}]}},
		{"id":"fs_1","type":"file_search","file_search":{"results":[{"file_id":"file_9","file_name":"a.txt","score":1}]}}]}}`)))
	step := runStep(s)
	require.Len(t, step.ToolCalls, 2)
	ci := step.ToolCalls[0]
	require.Equal(t, "code_interpreter", ci.Type)
	require.Equal(t, "print(1)", ci.Arguments)
	require.True(t, ci.Truncated)
	require.LessOrEqual(t, assistant.EncodedLen(ci.Output), stepBytes)
	require.Equal(t, []string{"file_img"}, ci.Results)
	require.Equal(t, assistant.StepToolCall{ID: "fs_1", Type: "file_search", Results: []string{"file_9"}}, step.ToolCalls[1])
}

// A page of steps is asked for oldest first, 100 at a time, after the
// cursor given; has_more says another follows.
func TestRunStepsPageSendsTheCursor(t *testing.T) {
	var queries []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		queries = append(queries, r.URL.Path+"?"+r.URL.RawQuery)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"object":"list","data":[{"id":"step_101","object":"thread.run.step","type":"message_creation",` +
			`"status":"completed","step_details":{"type":"message_creation","message_creation":{"message_id":"msg_1"}}}],` +
			`"first_id":"step_101","last_id":"step_101","has_more":true}`))
	}))
	defer srv.Close()
	b := New(openai.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"), option.WithMaxRetries(0)))

	steps, more, err := b.RunStepsPage(context.Background(), "thread_1", "run_1", "step_100")

	require.NoError(t, err)
	require.True(t, more)
	require.Equal(t, []assistant.RunStep{{ID: "step_101", Type: "message_creation", Status: "completed", MessageID: "msg_1"}}, steps)
	require.Equal(t, []string{"/threads/thread_1/runs/run_1/steps?after=step_100&limit=100&order=asc"}, queries)
}
