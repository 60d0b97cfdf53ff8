package client

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestClientImportsOnlyAssistantAndTemporal: a backend service that imports
// the client gets the Temporal client and assistant/, not the worker's
// activities, workflows or the model API's SDK (and never its key).
func TestClientImportsOnlyAssistantAndTemporal(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").CombinedOutput()
	require.NoError(t, err, string(out))
	const module = "github.com/durable-assistants/durable-assistants/"
	for _, p := range strings.Fields(string(out)) {
		require.NotContains(t, p, "openai", "client depends on %s", p)
		if rest, ok := strings.CutPrefix(p, module); ok {
			require.Contains(t, []string{"assistant", "client"}, rest, "client depends on %s", p)
		}
	}
}
