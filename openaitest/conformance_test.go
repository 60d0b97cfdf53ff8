package openaitest_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/openaitest"
)

// required lists the spec's required properties of each object (openapi.yaml).
var required = map[string][]string{
	"assistant":       {"id", "object", "created_at", "name", "description", "model", "instructions", "tools", "metadata"},
	"thread":          {"id", "object", "created_at", "tool_resources", "metadata"},
	"thread.message":  {"id", "object", "created_at", "thread_id", "status", "incomplete_details", "completed_at", "incomplete_at", "role", "content", "assistant_id", "run_id", "attachments", "metadata"},
	"thread.run.step": {"id", "object", "created_at", "assistant_id", "thread_id", "run_id", "type", "status", "step_details", "last_error", "expired_at", "cancelled_at", "failed_at", "completed_at", "metadata", "usage"},
	"thread.run": {"id", "object", "created_at", "thread_id", "assistant_id", "status", "required_action", "last_error", "expires_at",
		"started_at", "cancelled_at", "failed_at", "completed_at", "model", "instructions", "tools", "metadata", "usage",
		"incomplete_details", "max_prompt_tokens", "max_completion_tokens", "truncation_strategy", "tool_choice",
		"parallel_tool_calls", "response_format"},
}

func TestObjectsCarryRequiredFields(t *testing.T) {
	_, url := openaitest.NewTestServer(t, openaitest.Options{})
	call := func(method, path, body string) map[string]any {
		req, err := http.NewRequest(method, url+path, strings.NewReader(body))
		require.NoError(t, err)
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer res.Body.Close()
		require.Equal(t, http.StatusOK, res.StatusCode)
		var obj map[string]any
		require.NoError(t, json.NewDecoder(res.Body).Decode(&obj))
		if obj["object"] == "list" {
			obj = obj["data"].([]any)[0].(map[string]any)
		}
		for _, k := range required[obj["object"].(string)] {
			require.Contains(t, obj, k, "%s lacks %s", obj["object"], k)
		}
		return obj
	}
	asst := call("POST", "/assistants", `{"model":"gpt-4o"}`)
	run := call("POST", "/threads/runs", `{"assistant_id":"`+asst["id"].(string)+`","thread":{"messages":[{"role":"user","content":"hi"}]}}`)
	th, id := run["thread_id"].(string), run["id"].(string)
	call("GET", "/threads/"+th, "")
	for call("GET", "/threads/"+th+"/runs/"+id, "")["status"] != "completed" {
		time.Sleep(time.Millisecond)
	}
	call("GET", "/threads/"+th+"/messages", "")
	call("GET", "/threads/"+th+"/runs/"+id+"/steps", "")
}
