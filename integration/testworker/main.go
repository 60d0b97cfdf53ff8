// Command testworker is the worker the integration and chaos tests run: the
// stock worker plus a slow tool, so a test can kill it while a handler runs,
// and one that makes large outputs.
// It doubles as the example of a worker with your own tools.
package main

import (
	"context"
	"fmt"
	"os"
	"strings"
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

// RepeatArgs are the arguments of repeat.
type RepeatArgs struct {
	Text  string `json:"text" desc:"text to repeat"`
	Times int    `json:"times" desc:"how many times"`
}

// repeat makes a large output from small arguments (output-size tests).
func repeat(_ context.Context, a RepeatArgs) (string, error) {
	return strings.Repeat(a.Text, min(max(a.Times, 0), 1<<20)), nil
}

func main() {
	reg := tools.NewRegistry()
	reg.MustRegister(tools.Examples()...)
	reg.MustRegister(tools.Func("slow_echo", "Echo text after a delay", slowEcho))
	reg.MustRegister(tools.Func("repeat", "Repeat a text", repeat))
	if err := serve.Main(reg); err != nil {
		fmt.Fprintln(os.Stderr, "testworker:", err)
		os.Exit(1)
	}
}
