package client

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
	tclient "go.temporal.io/sdk/client"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// startRecorder is a Temporal client that records the start options and
// refuses the start.
type startRecorder struct {
	tclient.Client
	got tclient.StartWorkflowOptions
}

func (s *startRecorder) ExecuteWorkflow(_ context.Context, o tclient.StartWorkflowOptions, _ any, _ ...any) (tclient.WorkflowRun, error) {
	s.got = o
	return nil, errors.New("recorded")
}

// Options.EagerStart asks for eager workflow start; it is off by default
// (issue 18).
func TestStartRunEagerStart(t *testing.T) {
	req := assistant.RunRequest{AssistantID: "asst_1", Message: "hi"}
	for _, eager := range []bool{false, true} {
		rec := &startRecorder{}
		_, err := New(rec, Options{TaskQueue: "q", EagerStart: eager}).StartRun(context.Background(), req)
		require.ErrorContains(t, err, "recorded")
		require.Equal(t, eager, rec.got.EnableEagerStart)
	}
}
