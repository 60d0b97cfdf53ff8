package assistant

import "fmt"

// Mode is how a run is followed at the API: by polling it, or by streaming
// its events. The empty Mode is the worker's default (config RUN_MODE).
type Mode string

// The run modes.
const (
	ModeDefault Mode = ""
	ModePoll    Mode = "poll"
	ModeStream  Mode = "stream"
)

// ParseMode accepts "", "poll" and "stream".
func ParseMode(s string) (Mode, error) {
	switch m := Mode(s); m {
	case ModeDefault, ModePoll, ModeStream:
		return m, nil
	}
	return "", fmt.Errorf("mode %q is not poll or stream", s)
}
