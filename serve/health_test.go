package serve

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
)

// poll runs one call through the tracker's interceptor; the invoker blocks
// until release is closed and then returns err.
func poll(p *pollTracker, method string, err error, release <-chan struct{}) <-chan struct{} {
	done := make(chan struct{})
	started := make(chan struct{})
	go func() {
		defer close(done)
		_ = p.intercept(context.Background(), method, nil, nil, nil,
			func(context.Context, string, any, any, *grpc.ClientConn, ...grpc.CallOption) error {
				close(started)
				<-release
				return err
			})
	}()
	<-started
	return done
}

func TestPollTracker(t *testing.T) {
	var p pollTracker
	now := time.Now()
	require.Error(t, p.polling(now), "no poll yet")

	release := make(chan struct{})
	done := poll(&p, "/temporal.api.workflowservice.v1.WorkflowService/PollActivityTaskQueue", nil, release)
	require.NoError(t, p.polling(now), "a long poll held by the server counts")
	close(release)
	<-done
	require.NoError(t, p.polling(time.Now()), "a poll ended well just now")
	require.Error(t, p.polling(time.Now().Add(pollWindow+time.Second)), "nothing since the window")

	closed := make(chan struct{})
	close(closed)
	<-poll(&p, "/temporal.api.workflowservice.v1.WorkflowService/PollWorkflowTaskQueue", errors.New("unavailable"), closed)
	require.ErrorContains(t, p.polling(time.Now()), "unavailable", "the last poll failed")

	<-poll(&p, "/temporal.api.workflowservice.v1.WorkflowService/StartWorkflowExecution", nil, closed)
	require.Error(t, p.polling(time.Now()), "other calls are not polls")
}
