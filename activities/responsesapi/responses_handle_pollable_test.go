package responsesapi

import "testing"

// A retry follows a heartbeated run by polling it, except a turn adopted
// from conversation items: it has no response to GET, so it is adopted again.
func TestPollable(t *testing.T) {
	b := &Backend{}
	for id, want := range map[string]bool{"": false, "run_1": true, "resp_1": true, adoptedPrefix + "default": false} {
		if got := b.Pollable(id); got != want {
			t.Errorf("Pollable(%q) = %v, want %v", id, got, want)
		}
	}
}
