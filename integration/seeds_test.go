package integration

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// TestAssistantsAsCodeAndOverridesEndToEnd: on both protocols, through a
// real worker process: `starter assistant apply` is idempotent (assistants;
// refused on responses, whose assistants are profiles), `starter run
// --assistant NAME` with override flags restricts the tools, and
// client.RunAs decodes a structured reply into a Go type; `starter show
// --thread` lists the thread's messages and runs.
func TestAssistantsAsCodeAndOverridesEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("starts worker processes")
	}
	for _, p := range protocols {
		t.Run(p.name, func(t *testing.T) {
			e, _ := protocolEnv(t, p, openaitest.Options{})
			name := "brief" // the profile on responses
			if p.name == "assistants" {
				name = "support"
				out, errOut, code := e.starter("assistant", "apply", "--name", name, "--model", "gpt-4o", "--json")
				require.Equal(t, 0, code, errOut)
				require.Contains(t, out, `"action":"created"`)
				out, errOut, code = e.starter("assistant", "apply", "--name", name, "--model", "gpt-4o", "--json")
				require.Equal(t, 0, code, errOut)
				require.Contains(t, out, `"action":"unchanged"`)
			} else {
				_, errOut, code := e.starter("assistant", "apply", "--name", "x", "--model", "gpt-4o")
				require.Equal(t, 1, code)
				require.Contains(t, errOut, "ASSISTANT_PROFILES")
			}
			out, errOut, code := e.starter("run", "--assistant", name, "--message", `call: calculate {"expression":"6*7"}`,
				"--tools", "calculate", "--tool-choice", "calculate", "--temperature", "0.3", "--json")
			require.Equal(t, 0, code, errOut+out)
			var got map[string]any
			require.NoError(t, json.Unmarshal([]byte(out), &got))
			require.Contains(t, got["reply"], "42")
			out, errOut, code = e.starter("show", "--thread", got["thread_id"].(string), "--json")
			require.Equal(t, 0, code, errOut)
			var shown struct {
				Messages assistant.ThreadsResult `json:"messages"`
				Runs     assistant.ThreadsResult `json:"runs"`
				RunsNote string                  `json:"runs_note"`
			}
			require.NoError(t, json.Unmarshal([]byte(out), &shown), out)
			require.NotEmpty(t, shown.Messages.Messages)
			require.Contains(t, shown.Messages.Messages[0].Text, "42", "newest first: the reply")
			if p.name == "assistants" {
				require.Len(t, shown.Runs.Runs, 1)
			} else {
				require.Contains(t, shown.RunsNote, "cannot list")
			}
			_, errOut, code = e.starter("run", "--assistant", name, "--message", "hi", "--tools", "rm_rf")
			require.Equal(t, 1, code)
			require.Contains(t, errOut, `overrides.tools[0] names "rm_rf"`)

			type answer struct {
				City string `json:"city"`
				Temp int    `json:"temp"`
			}
			id, err := e.client.ResolveAssistant(e.ctx(time.Minute), name)
			require.NoError(t, err)
			v, res, err := client.RunAs[answer](e.ctx(time.Minute), e.client,
				assistant.RunRequest{AssistantID: id, Message: `{"city":"Paris","temp":21}`})
			require.NoError(t, err, "%+v", res)
			require.Equal(t, answer{City: "Paris", Temp: 21}, v)
		})
	}
}
