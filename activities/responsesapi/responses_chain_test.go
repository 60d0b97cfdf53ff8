package responsesapi

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// TestChainTagFlags: a tag without flags is written as before them (v1), so
// runs without overrides send what they sent; one with flags round-trips.
func TestChainTagFlags(t *testing.T) {
	prior := assistant.Usage{PromptTokens: 1, CompletionTokens: 2, TotalTokens: 3}
	plain := chainTag{Profile: "default", Prior: prior, Key: "wf/1"}
	require.Equal(t, "v1;default;1;2;3;wf/1", plain.metadata(nil)[activities.MetadataKeyIdempotency])
	require.Equal(t, plain, parseTag(plain.metadata(nil)))

	flagged := chainTag{Profile: "default", Prior: prior, Key: "wf/1;x", Flags: flagToolsRestricted + flagTopP}
	meta := flagged.metadata(map[string]string{"team": "a"})
	require.Equal(t, "v2;default;1;2;3;rp;wf/1;x", meta[activities.MetadataKeyIdempotency])
	require.Equal(t, flagged, parseTag(meta))
	require.Equal(t, chainTag{}, parseTag(map[string]string{activities.MetadataKeyIdempotency: "v2;default;1"}))
}
