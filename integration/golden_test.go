package integration

import (
	"context"
	"os"
	"path/filepath"

	"github.com/stretchr/testify/require"
	historypb "go.temporal.io/api/history/v1"
	"google.golang.org/protobuf/encoding/protojson"
)

// saveGolden writes a workflow's history as a golden for
// workflows.TestReplayGoldenHistories, when GOLDEN_DIR names a directory
// (GOLDEN_DIR=$PWD/workflows/testdata go test -run TestX ./integration/).
func (e *env) saveGolden(ctx context.Context, name, workflowID, runID string) {
	dir := os.Getenv("GOLDEN_DIR")
	if dir == "" {
		return
	}
	var h historypb.History
	h.Events = e.historyOf(ctx, workflowID, runID)
	raw, err := protojson.MarshalOptions{Multiline: true, Indent: "  "}.Marshal(&h)
	require.NoError(e.t, err)
	require.NoError(e.t, os.WriteFile(filepath.Join(dir, name+".json"), raw, 0o644))
	e.t.Logf("golden %s: %s", name, workflowID)
}
