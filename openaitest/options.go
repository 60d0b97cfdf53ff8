package openaitest

import "time"

// Options configures a [Server]. The zero value is usable.
type Options struct {
	// ModelLatency is how long a run stays queued/in_progress before the
	// model answers (default 20ms).
	ModelLatency time.Duration
	// PollAfterMs, when > 0, is sent as the openai-poll-after-ms header on
	// run create, get, submit_tool_outputs and cancel responses.
	PollAfterMs int
	// RequiresActionTTL sets a run's expires_at to created_at + this
	// (default 10m). A run still waiting past expires_at becomes expired.
	RequiresActionTTL time.Duration
	// APIKey, when non-empty, must be sent as "Authorization: Bearer <key>";
	// otherwise the request fails with 401 invalid_api_key.
	APIKey string
	// Azure, when set, serves the API as Azure does (AzureOptions) instead
	// of under /v1/; APIKey is then unused.
	Azure *AzureOptions
	// StreamDeltaDelay paces the text deltas of a stream (thread.message.delta,
	// response.output_text.delta; default 0: all at once), so a reader can
	// watch the text grow.
	StreamDeltaDelay time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// withDefaults fills the zero fields with their documented defaults.
func (o Options) withDefaults() Options {
	if o.ModelLatency <= 0 {
		o.ModelLatency = 20 * time.Millisecond
	}
	if o.RequiresActionTTL <= 0 {
		o.RequiresActionTTL = 10 * time.Minute
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}
