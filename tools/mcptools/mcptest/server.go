// Package mcptest is an MCP server for tests: tools that answer, fail, hang, crash and
// count their calls, over stdio (ServeStdio, or the mcptestserver command) or streamable
// HTTP (Handler).
package mcptest

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// Options shape the server.
type Options struct {
	// CountFile, when set, gets one line per call: "<tool> <idempotency key>".
	CountFile string
}

type echoArgs struct {
	Text string `json:"text" jsonschema:"the text to echo"`
}

type addArgs struct {
	A float64 `json:"a"`
	B float64 `json:"b"`
}

type sum struct {
	Sum float64 `json:"sum"`
}

type slowArgs struct {
	Ms int `json:"ms"`
}

// NewServer returns a server with the tools echo, add, fail, slow, hang and crash.
func NewServer(o Options) *mcp.Server {
	s := mcp.NewServer(&mcp.Implementation{Name: "mcptest", Version: "1"}, nil)
	mcp.AddTool(s, &mcp.Tool{Name: "echo", Description: "Echo a text"},
		func(ctx context.Context, req *mcp.CallToolRequest, a echoArgs) (*mcp.CallToolResult, any, error) {
			o.count("echo", req)
			return text("echo: " + a.Text), nil, nil
		})
	mcp.AddTool(s, &mcp.Tool{Name: "add", Description: "Add two numbers"},
		func(ctx context.Context, req *mcp.CallToolRequest, a addArgs) (*mcp.CallToolResult, sum, error) {
			o.count("add", req)
			return nil, sum{a.A + a.B}, nil
		})
	mcp.AddTool(s, &mcp.Tool{Name: "fail", Description: "Always reports an error"},
		func(ctx context.Context, req *mcp.CallToolRequest, _ struct{}) (*mcp.CallToolResult, any, error) {
			o.count("fail", req)
			return &mcp.CallToolResult{IsError: true, Content: []mcp.Content{&mcp.TextContent{Text: "the warehouse is closed"}}}, nil, nil
		})
	mcp.AddTool(s, &mcp.Tool{Name: "slow", Description: "Answers after ms milliseconds"},
		func(ctx context.Context, req *mcp.CallToolRequest, a slowArgs) (*mcp.CallToolResult, any, error) {
			o.count("slow", req)
			select {
			case <-time.After(time.Duration(a.Ms) * time.Millisecond):
				return text(fmt.Sprintf("slept %d ms", a.Ms)), nil, nil
			case <-ctx.Done():
				return nil, nil, ctx.Err()
			}
		})
	mcp.AddTool(s, &mcp.Tool{Name: "hang", Description: "Never answers"},
		func(ctx context.Context, req *mcp.CallToolRequest, _ struct{}) (*mcp.CallToolResult, any, error) {
			o.count("hang", req)
			<-ctx.Done()
			return nil, nil, ctx.Err()
		})
	mcp.AddTool(s, &mcp.Tool{Name: "crash", Description: "Kills the server process mid-call"},
		func(ctx context.Context, req *mcp.CallToolRequest, _ struct{}) (*mcp.CallToolResult, any, error) {
			o.count("crash", req)
			os.Exit(3)
			return nil, nil, nil
		})
	return s
}

func text(s string) *mcp.CallToolResult {
	return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: s}}}
}

var countMu sync.Mutex

// count appends the call to CountFile, synced, so a test counts calls a killed process made.
func (o Options) count(tool string, req *mcp.CallToolRequest) {
	if o.CountFile == "" {
		return
	}
	key, _ := req.Params.Meta["durable-assistants/idempotency_key"].(string)
	countMu.Lock()
	defer countMu.Unlock()
	f, err := os.OpenFile(o.CountFile, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	fmt.Fprintf(f, "%s %s\n", tool, key)
	_ = f.Sync()
}

// ServeStdio serves NewServer(o) on stdin/stdout until the client goes away.
func ServeStdio(ctx context.Context, o Options) error {
	return NewServer(o).Run(ctx, &mcp.StdioTransport{})
}

// Handler serves s over streamable HTTP.
func Handler(s *mcp.Server) http.Handler {
	return mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return s }, nil)
}
