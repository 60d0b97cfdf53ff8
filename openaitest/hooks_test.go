package openaitest_test

import (
	"context"
	"sync"
	"testing"

	"github.com/openai/openai-go/v3"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/openaitest"
)

func TestOnCommitReportsChanges(t *testing.T) {
	srv, c := start(t, openaitest.Options{})
	var mu sync.Mutex
	var ops []string
	srv.OnCommit(func(op, id string) {
		mu.Lock()
		defer mu.Unlock()
		ops = append(ops, op+" "+id[:3])
	})
	a := newAssistant(t, c)
	run := await(t, c, startRun(t, c, a.ID, "call: a {}"))
	_, err := c.Beta.Threads.Runs.Cancel(context.Background(), run.ThreadID, run.ID)
	require.NoError(t, err)

	mu.Lock()
	defer mu.Unlock()
	require.Equal(t, []string{"assistant.create ass", "thread.create thr", "run.create run", "run.cancel run"}, ops)
}

func TestBlockingOnCommitDoesNotBlockOthers(t *testing.T) {
	srv, c := start(t, openaitest.Options{})
	ctx := context.Background()
	th, err := c.Beta.Threads.New(ctx, openai.BetaThreadNewParams{})
	require.NoError(t, err)

	entered, release := make(chan string), make(chan struct{})
	t.Cleanup(func() { close(release) }) // runs before the server closes
	srv.OnCommit(func(op, id string) {
		if op == "message.create" {
			entered <- id
			<-release
		}
	})
	errc := make(chan error, 1)
	go func() {
		_, err := c.Beta.Threads.Messages.New(ctx, th.ID, openai.BetaThreadMessageNewParams{Role: "user",
			Content: openai.BetaThreadMessageNewParamsContentUnion{OfString: openai.String("hi")}})
		errc <- err
	}()
	msgID := <-entered

	// While the hook blocks, the message is committed and others are served.
	msg, err := c.Beta.Threads.Messages.Get(ctx, th.ID, msgID)
	require.NoError(t, err)
	require.Equal(t, "hi", msg.Content[0].Text.Value)
	require.Equal(t, 1, srv.Stats().UserMessagesCreated)
	select {
	case err := <-errc:
		t.Fatalf("create answered while its hook blocked: %v", err)
	default:
	}
}
