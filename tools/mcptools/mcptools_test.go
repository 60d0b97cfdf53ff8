package mcptools_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/tools"
	"github.com/durable-assistants/durable-assistants/tools/mcptools"
	"github.com/durable-assistants/durable-assistants/tools/mcptools/mcptest"
)

// TestMain lets the test binary be the stdio MCP server its tests start.
func TestMain(m *testing.M) {
	switch os.Getenv("MCPTEST_MODE") {
	case "stdio":
		if err := mcptest.ServeStdio(context.Background(), mcptest.Options{CountFile: os.Getenv("MCPTEST_COUNT_FILE")}); err != nil {
			os.Exit(1)
		}
		os.Exit(0)
	case "malformed":
		_ = mcptest.ServeMalformed(os.Stdin, os.Stdout)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func stdioServer(t *testing.T, mode string) (mcptools.Server, string) {
	count := t.TempDir() + "/calls"
	return mcptools.Server{Name: "test", Command: []string{os.Args[0]},
		Env: []string{"MCPTEST_MODE=" + mode, "MCPTEST_COUNT_FILE=" + count}}, count
}

func connect(t *testing.T, reg *tools.Registry, srv mcptools.Server) *mcptools.Source {
	t.Helper()
	src, err := mcptools.Connect(context.Background(), reg, srv, nil)
	require.NoError(t, err)
	t.Cleanup(func() { _ = src.Close() })
	return src
}

func call(t *testing.T, reg *tools.Registry, name, args string) (string, bool, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ctx = tools.WithCallInfo(ctx, tools.CallInfo{ThreadID: "thread_1", APIRunID: "run_1", ToolCallID: "call_" + name})
	return reg.Call(ctx, name, args)
}

func TestStdioServerToolsAreRegisteredAndCalled(t *testing.T) {
	reg := tools.NewRegistry()
	srv, count := stdioServer(t, "stdio")
	srv.Prefix, srv.Include = "wh_", []string{"echo", "add", "fail"}
	srv.MaxAttempts = 2
	src := connect(t, reg, srv)
	require.Equal(t, []string{"wh_add", "wh_echo", "wh_fail"}, reg.Names())
	require.ElementsMatch(t, reg.Names(), src.Tools())
	tool, _ := reg.Lookup("wh_echo")
	require.Equal(t, int32(2), tool.Options.MaxAttempts, "the server's options apply to its tools")

	out, isErr, err := call(t, reg, "wh_echo", `{"text":"hi"}`)
	require.NoError(t, err)
	require.False(t, isErr)
	require.Equal(t, "echo: hi", out)

	out, isErr, err = call(t, reg, "wh_add", `{"a":1,"b":2}`)
	require.NoError(t, err)
	require.False(t, isErr)
	require.JSONEq(t, `{"sum":3}`, out, "structured content is what the model sees")

	out, isErr, err = call(t, reg, "wh_fail", `{}`)
	require.NoError(t, err, "an MCP error result is an output, not a fault")
	require.True(t, isErr)
	require.Contains(t, out, "the warehouse is closed")

	calls, err := os.ReadFile(count)
	require.NoError(t, err)
	require.Contains(t, string(calls), "echo thread_1/run_1/call_wh_echo", "the idempotency key reaches the server")
}

func TestServerArgumentsAreCheckedAgainstItsSchema(t *testing.T) {
	reg := tools.NewRegistry()
	srv, _ := stdioServer(t, "stdio")
	connect(t, reg, srv)
	out, isErr, err := call(t, reg, "add", `{"a":"one"}`)
	require.NoError(t, err)
	require.True(t, isErr)
	require.Contains(t, out, "invalid arguments")
}

func TestAHangingCallEndsWithItsContext(t *testing.T) {
	reg := tools.NewRegistry()
	srv, _ := stdioServer(t, "stdio")
	connect(t, reg, srv)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, _, err := reg.Call(ctx, "hang", `{}`)
	require.Error(t, err, "a hung call is a fault (retried, then the timeout output), never an endless wait")
	require.Less(t, time.Since(start), 5*time.Second)
	out, _, err := call(t, reg, "echo", `{"text":"still there"}`)
	require.NoError(t, err)
	require.Equal(t, "echo: still there", out)
}

func TestACrashedServerIsStartedAgain(t *testing.T) {
	reg := tools.NewRegistry()
	srv, count := stdioServer(t, "stdio")
	connect(t, reg, srv)
	_, _, err := call(t, reg, "crash", `{}`)
	require.Error(t, err)
	require.True(t, tools.IsRetryable(err) || strings.Contains(err.Error(), "MCP server"), "a transport failure is retried: %v", err)
	require.Eventually(t, func() bool {
		out, isErr, err := call(t, reg, "echo", `{"text":"back"}`)
		return err == nil && !isErr && out == "echo: back"
	}, 15*time.Second, 100*time.Millisecond)
	calls, _ := os.ReadFile(count)
	require.Contains(t, string(calls), "crash ")
}

func TestAMalformedResultIsAnErrorOutput(t *testing.T) {
	reg := tools.NewRegistry()
	srv, _ := stdioServer(t, "malformed")
	connect(t, reg, srv)
	out, isErr, err := call(t, reg, "broken", `{}`)
	require.NoError(t, err, "retrying a malformed answer would not mend it")
	require.True(t, isErr)
	require.Contains(t, out, "malformed")
}

func TestHTTPServerWithHeadersAndAChangingToolList(t *testing.T) {
	s := mcptest.NewServer(mcptest.Options{})
	h := mcptest.Handler(s)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer s3cret" {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close) // after the sources close: their event streams hold connections
	t.Setenv("TEST_MCP_TOKEN", "Bearer s3cret")

	reg := tools.NewRegistry()
	reg.MustRegister(tools.Examples()...)
	srv := mcptools.Server{Name: "http", URL: ts.URL, Prefix: "h_",
		HeadersFromEnv: map[string]string{"Authorization": "TEST_MCP_TOKEN"}}
	connect(t, reg, srv)
	out, _, err := call(t, reg, "h_echo", `{"text":"over http"}`)
	require.NoError(t, err)
	require.Equal(t, "echo: over http", out)

	s.AddTool(&mcp.Tool{Name: "late", InputSchema: map[string]any{"type": "object"}},
		func(context.Context, *mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: "late answer"}}}, nil
		})
	require.Eventually(t, func() bool { return slices.Contains(reg.Names(), "h_late") }, 10*time.Second, 50*time.Millisecond)
	s.RemoveTools("echo")
	require.Eventually(t, func() bool { return !slices.Contains(reg.Names(), "h_echo") }, 10*time.Second, 50*time.Millisecond)
	require.Contains(t, reg.Names(), "calculate", "Go tools are untouched by a refresh")
	out, isErr, _ := call(t, reg, "h_echo", `{"text":"gone"}`)
	require.True(t, isErr)
	require.Contains(t, out, "unknown tool")

	t.Setenv("TEST_MCP_TOKEN", "Bearer wrong")
	_, err = mcptools.Connect(context.Background(), tools.NewRegistry(), srv, nil)
	require.ErrorContains(t, err, `MCP server "http"`)
}

func TestCloseRemovesTheTools(t *testing.T) {
	reg := tools.NewRegistry()
	srv, _ := stdioServer(t, "stdio")
	src, err := mcptools.Connect(context.Background(), reg, srv, nil)
	require.NoError(t, err)
	require.Contains(t, reg.Names(), "echo")
	require.NoError(t, src.Close())
	require.Empty(t, reg.Names())
}

func TestAClashWithAGoToolFailsTheStart(t *testing.T) {
	reg := tools.NewRegistry()
	reg.MustRegister(tools.Tool{Name: "echo", Handler: func(context.Context, json.RawMessage) (any, error) { return "", nil }})
	srv, _ := stdioServer(t, "stdio")
	_, err := mcptools.Connect(context.Background(), reg, srv, nil)
	require.ErrorContains(t, err, `"echo"`)
	require.ErrorContains(t, err, "already registered")
}
