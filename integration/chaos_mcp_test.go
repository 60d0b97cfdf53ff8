package integration

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/openaitest"
	"github.com/durable-assistants/durable-assistants/tools/mcptools"
)

// mcpServersEnv is MCP_SERVERS for a worker with the mcptest server on stdio, its tools
// prefixed mcp_, each call recorded in calls.
func mcpServersEnv(t *testing.T, calls string) string {
	b, err := json.Marshal([]mcptools.Server{{Name: "mcptest", Prefix: "mcp_",
		Command: []string{filepath.Join(binDir, "mcptestserver"), "-count-file", calls}}})
	require.NoError(t, err)
	return "MCP_SERVERS=" + string(b)
}

func readLines(path string) []string {
	b, _ := os.ReadFile(path)
	return strings.Fields(strings.ReplaceAll(string(b), " ", "|"))
}

// chaosKillDuringMCPCall SIGKILLs the worker while an MCP server runs a tool call: the
// next worker starts the server again and runs the call once more, with the same
// idempotency key, and the run finishes once.
func chaosKillDuringMCPCall(t *testing.T, p protocol) {
	e := newEnv(t, openaitest.Options{})
	e.proto = p
	calls := filepath.Join(t.TempDir(), "calls")
	mcpEnv := mcpServersEnv(t, calls)
	w := e.startTestWorker(mcpEnv)
	asst := p.assistant(e)
	if p.name == "assistants" {
		requireAssistantTool(t, e, asst, "mcp_slow")
	}
	ctx := e.ctx(60 * time.Second)
	run, err := e.client.StartRun(ctx, assistant.RunRequest{AssistantID: asst,
		Message: "Ask the server\n" + `call: mcp_slow {"ms":3000}`})
	require.NoError(t, err)
	require.Eventually(t, func() bool { return len(readLines(calls)) == 1 }, 30*time.Second, 20*time.Millisecond,
		"the MCP server never got the call")
	w.stop(syscall.SIGKILL)
	killed := time.Now()
	e.startTestWorker(mcpEnv)
	res := e.finish(t, run)
	require.Len(t, res.ToolCalls, 1)
	require.Equal(t, "slept 3000 ms", res.ToolCalls[0].Output)
	lines := readLines(calls)
	require.Len(t, lines, 2, "the call ran again on the next worker's server, once")
	require.Equal(t, lines[0], lines[1], "with the same idempotency key")
	require.Contains(t, lines[0], "/call_", "the key names the tool call")
	e.recordAndCheck(t, "i kill during MCP tool call", 1, 1, 1, killed)
}

// requireAssistantTool checks that the assistant was created with the named tool, as
// the API holds it.
func requireAssistantTool(t *testing.T, e *env, asst, tool string) {
	req, err := http.NewRequest(http.MethodGet, e.emuURL+"/assistants/"+asst, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer test-key")
	req.Header.Set("OpenAI-Beta", "assistants=v2")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var a struct {
		Tools []struct {
			Function struct {
				Name string `json:"name"`
			} `json:"function"`
		} `json:"tools"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&a))
	var names []string
	for _, tl := range a.Tools {
		names = append(names, tl.Function.Name)
	}
	require.Contains(t, names, tool, "the assistant carries the MCP server's tools")
}
