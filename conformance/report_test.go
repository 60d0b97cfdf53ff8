package conformance_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/conformance"
)

// TestReportUpToDate keeps REPORT.md in step with the spec subset, the
// emulator's routes and the worker's operations.
func TestReportUpToDate(t *testing.T) {
	want, err := conformance.Report()
	require.NoError(t, err)
	got, err := os.ReadFile("REPORT.md")
	require.NoError(t, err)
	require.Equal(t, want, string(got), "conformance/REPORT.md is stale: run `make report`")
}
