package assistant

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRunStatusPredicates(t *testing.T) {
	tests := []struct {
		status                   RunStatus
		known, terminal, pending bool
	}{
		{StatusQueued, true, false, true},
		{StatusInProgress, true, false, true},
		{StatusRequiresAction, true, false, false},
		{StatusCancelling, true, false, true},
		{StatusCancelled, true, true, false},
		{StatusFailed, true, true, false},
		{StatusCompleted, true, true, false},
		{StatusIncomplete, true, true, false},
		{StatusExpired, true, true, false},
		{RunStatus("thinking"), false, false, false},
		{RunStatus(""), false, false, false},
		{RunStatus("COMPLETED"), false, false, false},
	}
	for _, tc := range tests {
		t.Run(string(tc.status), func(t *testing.T) {
			require.Equal(t, tc.known, tc.status.Known(), "Known")
			require.Equal(t, tc.terminal, tc.status.Terminal(), "Terminal")
			require.Equal(t, tc.pending, tc.status.Pending(), "Pending")
		})
	}
}

func TestParseStatus(t *testing.T) {
	for _, s := range []string{"queued", "in_progress", "requires_action", "cancelling",
		"cancelled", "failed", "completed", "incomplete", "expired"} {
		got, err := ParseStatus(s)
		require.NoError(t, err, s)
		require.Equal(t, RunStatus(s), got)
	}
	for _, s := range []string{"", "thinking", "Completed", " queued"} {
		got, err := ParseStatus(s)
		require.Error(t, err, s)
		require.Contains(t, err.Error(), "unknown run status")
		require.Contains(t, err.Error(), `"`+s+`"`)
		require.Empty(t, got)
	}
}
