package conformance_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// sharedSpec is the full spec beside the checkout (present on developer
// machines and in CI; the tests themselves use only the committed subset).
const sharedSpec = "../../shared/openai-openapi/openapi.yaml"

// TestSubsetUpToDate regenerates the subset from the shared spec, when it is
// there, and requires the committed testdata to match.
func TestSubsetUpToDate(t *testing.T) {
	if _, err := os.Stat(sharedSpec); err != nil {
		t.Skipf("%s not found: nothing to compare the committed subset with", sharedSpec)
	}
	out := t.TempDir()
	cmd := exec.Command("go", "run", "./cmd/specsubset", "-spec", sharedSpec, "-out", out)
	b, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", b)
	for _, f := range []string{"openapi-subset.yaml", "LICENSE-openai-openapi"} {
		want, err := os.ReadFile(filepath.Join(out, f))
		require.NoError(t, err)
		got, err := os.ReadFile(filepath.Join("testdata", f))
		require.NoError(t, err)
		require.Equal(t, string(want), string(got), "testdata/%s is stale: run `go run ./conformance/cmd/specsubset`", f)
	}
}
