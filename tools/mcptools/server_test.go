package mcptools_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/tools/mcptools"
)

func TestParseServers(t *testing.T) {
	t.Setenv("CRM_TOKEN", "Bearer x")
	servers, err := mcptools.ParseServers(`[{"name":"files","command":["mcp-files"],"prefix":"fs_","timeout":"20s","approval":true},
		{"name":"crm","url":"https://crm/mcp","headers_from_env":{"Authorization":"CRM_TOKEN"}}]`)
	require.NoError(t, err)
	require.Len(t, servers, 2)
	require.Equal(t, mcptools.Duration(20*time.Second), servers[0].Timeout)
	require.True(t, servers[0].Approval)

	none, err := mcptools.ParseServers("  ")
	require.NoError(t, err)
	require.Empty(t, none)

	for _, c := range []struct{ raw, want string }{
		{`{"name":"x"}`, "not a JSON array"},
		{`[{"name":"x","command":["a"],"colour":"red"}]`, `unknown field "colour"`},
		{`[{"name":"bad name","command":["a"]}]`, `MCP_SERVERS[0]: name "bad name"`},
		{`[{"name":"x"}]`, "set exactly one of command (stdio) and url"},
		{`[{"name":"x","command":["a"],"url":"http://h"}]`, "set exactly one of command"},
		{`[{"name":"x","url":"ftp://h"}]`, `url "ftp://h" is not an http(s) URL`},
		{`[{"name":"x","command":["a"],"timeout":"soon"}]`, "duration"},
		{`[{"name":"x","command":["a"],"max_attempts":-1}]`, "must not be negative"},
		{`[{"name":"x","command":["a"]},{"name":"x","url":"http://h"}]`, `MCP_SERVERS[1]: name "x" is used twice`},
		{`[{"name":"x","url":"http://h","headers_from_env":{"Authorization":"NOT_SET_ANYWHERE"}}]`, "environment variable NOT_SET_ANYWHERE is not set"},
		{`[{"name":"x","url":"http://h","headers_from_files":{"Authorization":"/no/such/file"}}]`, "header Authorization"},
		{`[{"name":"x","command":["a"],"headers_from_env":{"A":"CRM_TOKEN"}}]`, "headers apply to url servers only"},
	} {
		_, err := mcptools.ParseServers(c.raw)
		require.ErrorContains(t, err, c.want, c.raw)
	}
}
