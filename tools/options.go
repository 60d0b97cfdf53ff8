package tools

import "time"

// DefaultTimeout is the per-call StartToClose timeout of a tool that sets none.
const DefaultTimeout = 30 * time.Second

// DefaultMaxAttempts is how many times a tool call is attempted when the tool sets no limit.
const DefaultMaxAttempts int32 = 3

// Options says how a tool call is scheduled. Register replaces zero values by the defaults,
// so the Options of a registered tool are the effective ones.
type Options struct {
	Timeout          time.Duration // per-call StartToClose; 0 = DefaultTimeout
	MaxAttempts      int32         // attempts for infrastructure faults; 0 = DefaultMaxAttempts
	RequiresApproval bool          // a human must approve each call
	TaskQueue        string        // served by another worker on this task queue; "" = this worker
	// Local: a fast tool of this worker (milliseconds, no heartbeat needed)
	// runs as a local activity, inside the workflow task that schedules it,
	// instead of a round trip through the server (README, "Fast local tools").
	Local bool
}

// Option sets one field of Options.
type Option func(*Options)

// WithTimeout sets the per-call StartToClose timeout.
func WithTimeout(d time.Duration) Option {
	return func(o *Options) { o.Timeout = d }
}

// WithMaxAttempts sets how many times an infrastructure fault is attempted.
func WithMaxAttempts(n int32) Option {
	return func(o *Options) { o.MaxAttempts = n }
}

// WithApproval requires a human to approve each call of the tool.
func WithApproval() Option {
	return func(o *Options) { o.RequiresApproval = true }
}

// WithTaskQueue routes the tool's calls to the worker polling task queue q.
func WithTaskQueue(q string) Option {
	return func(o *Options) { o.TaskQueue = q }
}

// WithLocal declares the tool fast and local: its calls run as local
// activities in this worker, with the same timeout, attempts and error
// outputs. For tools that take milliseconds; not with WithTaskQueue.
func WithLocal() Option {
	return func(o *Options) { o.Local = true }
}

// withDefaults returns o with zero values replaced by the defaults.
func (o Options) withDefaults() Options {
	if o.Timeout == 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxAttempts == 0 {
		o.MaxAttempts = DefaultMaxAttempts
	}
	return o
}
