// Package kit holds what the bench and its worker process share: the bench
// tool and the worker wiring with its tuning knobs.
package kit

import (
	"context"
	"time"

	"github.com/durable-assistants/durable-assistants/tools"
)

// SleepTool is the bench tool's name.
const SleepTool = "bench_sleep"

// SleepArgs are its arguments.
type SleepArgs struct {
	Ms int `json:"ms" desc:"how long to work, in milliseconds"`
}

// Sleep works for a.Ms milliseconds, honouring cancellation.
func Sleep(ctx context.Context, a SleepArgs) (string, error) {
	select {
	case <-time.After(time.Duration(a.Ms) * time.Millisecond):
		return "slept", nil
	case <-ctx.Done():
		return "", tools.Retryable(ctx.Err())
	}
}

// Registry is the bench worker's tool registry.
func Registry() *tools.Registry { return RegistryOf(false) }

// RegistryOf is the registry with the bench tool declared local or not
// (tools.WithLocal).
func RegistryOf(local bool) *tools.Registry {
	var opts []tools.Option
	if local {
		opts = append(opts, tools.WithLocal())
	}
	reg := tools.NewRegistry()
	reg.MustRegister(tools.Func(SleepTool, "Sleep for a while", Sleep, opts...))
	return reg
}
