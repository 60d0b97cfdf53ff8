package mcptest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
)

// ServeMalformed is a stdio MCP server that lists one tool, "broken", and answers every
// call with a result that breaks the protocol (content that is not a list).
func ServeMalformed(in io.Reader, out io.Writer) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var req struct {
			ID     json.RawMessage `json:"id"`
			Method string          `json:"method"`
		}
		if err := json.Unmarshal(sc.Bytes(), &req); err != nil || req.ID == nil {
			continue // notifications need no answer
		}
		var result string
		switch req.Method {
		case "initialize":
			result = `{"protocolVersion":"2025-06-18","capabilities":{"tools":{}},"serverInfo":{"name":"malformed","version":"1"}}`
		case "tools/list":
			result = `{"tools":[{"name":"broken","inputSchema":{"type":"object"}}]}`
		case "tools/call":
			result = `{"content":"not a list","isError":"maybe"}`
		default:
			result = `{}`
		}
		if _, err := fmt.Fprintf(out, `{"jsonrpc":"2.0","id":%s,"result":%s}`+"\n", req.ID, result); err != nil {
			return err
		}
	}
	return sc.Err()
}
