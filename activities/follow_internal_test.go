package activities

import "testing"

// A retry follows a heartbeated run by polling it, except a turn adopted
// from conversation items: it has no response to GET, so it is adopted again.
func TestPollable(t *testing.T) {
	for id, want := range map[string]bool{"": false, "run_1": true, "resp_1": true, adoptedPrefix + "default": false} {
		if got := pollable(id); got != want {
			t.Errorf("pollable(%q) = %v, want %v", id, got, want)
		}
	}
}
