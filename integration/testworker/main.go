// Command testworker is the worker the integration and chaos tests run: the
// stock worker plus a slow tool, so a test can kill it while a handler runs.
// It doubles as the example of a worker with your own tools.
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/durable-assistants/durable-assistants/serve"
	"github.com/durable-assistants/durable-assistants/tools"
)

// SlowEchoArgs are the arguments of slow_echo.
type SlowEchoArgs struct {
	Text   string `json:"text" desc:"text to echo back"`
	Millis int    `json:"millis" desc:"how long to work before answering, in milliseconds"`
}

// slowEcho waits, then echoes; it honours cancellation like a good handler.
func slowEcho(ctx context.Context, a SlowEchoArgs) (string, error) {
	select {
	case <-time.After(time.Duration(a.Millis) * time.Millisecond):
	case <-ctx.Done():
		return "", tools.Retryable(ctx.Err())
	}
	info, _ := tools.CallInfoFrom(ctx)
	return fmt.Sprintf("%s (key %s, attempt %d)", a.Text, info.IdempotencyKey(), info.Attempt), nil
}

func main() {
	reg := tools.NewRegistry()
	reg.MustRegister(tools.Examples()...)
	reg.MustRegister(tools.Func("slow_echo", "Echo text after a delay", slowEcho))
	if err := serve.Main(reg); err != nil {
		fmt.Fprintln(os.Stderr, "testworker:", err)
		os.Exit(1)
	}
}
