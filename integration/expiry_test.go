package integration

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// TestToolBudgetStaysInsideRunExpiry: a tool slower than the run's remaining
// life is cut off in time for its (error) output to be submitted before
// expires_at, and the run completes; a run whose life is already too short
// ends expired with a clear error instead of hanging.
func TestToolBudgetStaysInsideRunExpiry(t *testing.T) {
	e := newEnv(t, openaitest.Options{})
	e.startTestWorker()
	asst := e.createAssistant()

	t.Run("tool cut off before expiry", func(t *testing.T) {
		start := time.Now()
		res, err := e.client.Run(e.ctx(60*time.Second), assistant.RunRequest{AssistantID: asst,
			Message: "slow\nexpires_in: 9s\n" + `call: slow_echo {"text":"late","millis":30000}`})
		require.NoError(t, err)
		require.Equal(t, assistant.StatusCompleted, res.Status)
		require.Len(t, res.ToolCalls, 1)
		require.True(t, res.ToolCalls[0].IsError)
		require.Contains(t, res.ToolCalls[0].Output, "did not finish in time")
		require.Less(t, time.Since(start), 9*time.Second, "the tool must be cut off before the run expires")
	})
	t.Run("run expires anyway", func(t *testing.T) {
		res, err := e.client.Run(e.ctx(60*time.Second), assistant.RunRequest{AssistantID: asst,
			Message: "slow\nexpires_in: 1s\n" + `call: slow_echo {"text":"late","millis":30000}`})
		require.NoError(t, err)
		require.Equal(t, assistant.StatusExpired, res.Status)
		require.NotNil(t, res.Error)
		require.Equal(t, "expired", res.Error.Code)
		require.Contains(t, res.Error.Message, "expired")
	})
}
