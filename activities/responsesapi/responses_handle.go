package responsesapi

import (
	"encoding/base64"
	"encoding/json"
	"strings"
)

// adoptedPrefix starts the run ID of a turn adopted from conversation items:
// the API offers no way back from an item to the response that made it, so
// the run goes on under this handle instead of a response ID.
const adoptedPrefix = "adopted:"

// handleVersion marks a handle that carries an adoptedTurn (below); an older
// handle is the bare profile name ("adopted:default").
const handleVersion = "v2."

// maxAdoptedHandle bounds a handle: it is the run ID, which goes into
// history, the DaRunId search attribute and activity summaries.
const maxAdoptedHandle = 1024

// adoptedTurn is what the next response of an adopted run takes from it:
// IDs only, since the handle shows wherever a run ID shows, in the clear
// (search attributes are never encrypted). The run's own instructions and
// metadata are customer text and stay out of it.
type adoptedTurn struct {
	Profile string `json:"p"`
	// Prev is the run's previous response (a submit was adopted): the next
	// response takes model, instructions, metadata and usage from it.
	Prev string `json:"r,omitempty"`
	// Key is the run's idempotency key (a start was adopted).
	Key string `json:"k,omitempty"`
}

// handle encodes the turn as a run ID; its parts are IDs, so it stays
// within maxAdoptedHandle.
func (t adoptedTurn) handle() string {
	return t.encode()
}

func (t adoptedTurn) encode() string {
	raw, _ := json.Marshal(t) // strings and a string map: cannot fail
	return adoptedPrefix + handleVersion + base64.RawURLEncoding.EncodeToString(raw)
}

// parseAdopted reads an adopted run ID; ok is false for a response ID.
func parseAdopted(runID string) (adoptedTurn, bool) {
	rest, ok := strings.CutPrefix(runID, adoptedPrefix)
	if !ok {
		return adoptedTurn{}, false
	}
	if enc, v2 := strings.CutPrefix(rest, handleVersion); v2 {
		var t adoptedTurn
		if raw, err := base64.RawURLEncoding.DecodeString(enc); err == nil && json.Unmarshal(raw, &t) == nil && t.Profile != "" {
			return t, true
		}
	}
	return adoptedTurn{Profile: rest}, true // a handle from before v2
}

// Pollable implements activities.Backend: a turn adopted from conversation
// items has no response to read.
func (b *Backend) Pollable(runID string) bool {
	_, adopted := parseAdopted(runID)
	return runID != "" && !adopted
}
