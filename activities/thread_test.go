package activities_test

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCreateThreadCreatesOneEmptyThread(t *testing.T) {
	h := newHarness(t, harnessConfig{})

	id := h.thread()

	require.Regexp(t, `^thread_`, id)
	st := h.srv.Stats()
	require.Equal(t, 1, st.ThreadsCreated)
	require.Zero(t, st.RunsCreated)
	require.Zero(t, st.UserMessagesCreated)
}
