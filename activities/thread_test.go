package activities_test

import (
	"context"
	"testing"

	"github.com/openai/openai-go/v3"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/activities"
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

func TestDeleteThreadDeletesAndToleratesAGoneThread(t *testing.T) {
	h := newHarness(t, harnessConfig{})
	id := h.thread()

	require.NoError(t, h.exec(nil, h.acts.DeleteThread, activities.DeleteThreadInput{ThreadID: id}))
	_, err := h.client.Beta.Threads.Get(context.Background(), id)
	var apiErr *openai.Error
	require.ErrorAs(t, err, &apiErr)
	require.Equal(t, 404, apiErr.StatusCode, "the thread is gone at the API")

	// A retry after the delete went through (404) is a success, not an error.
	require.NoError(t, h.exec(nil, h.acts.DeleteThread, activities.DeleteThreadInput{ThreadID: id}))
}
