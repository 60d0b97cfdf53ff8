package cluster

import (
	"testing"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// TestDynamicConfigYAML: Options.DynamicConfig values land in the file in
// the server's format (key: [{value: v}]), next to the defaults, and a
// value given for a default key replaces it.
func TestDynamicConfigYAML(t *testing.T) {
	out, err := dynamicConfigYAML(map[string]any{
		"limit.historyCount.suggestContinueAsNew": 60,
		"frontend.persistenceMaxQPS":              500,
	})
	require.NoError(t, err)
	var got map[string][]map[string]any
	require.NoError(t, yaml.Unmarshal(out, &got))
	require.Equal(t, []map[string]any{{"value": 60}}, got["limit.historyCount.suggestContinueAsNew"])
	require.Equal(t, []map[string]any{{"value": 500}}, got["frontend.persistenceMaxQPS"])
	require.Equal(t, []map[string]any{{"value": true}}, got["system.enableActivityEagerExecution"])
	require.Len(t, got, len(defaultDynamicConfig)+1)
}
