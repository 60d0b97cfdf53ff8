package activities

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
// history, the DaRunId search attribute and activity summaries. The run's
// own instructions and metadata are left out of a handle that would exceed
// it (the next response then has the profile's settings; README, Limits).
const maxAdoptedHandle = 1024

// adoptedTurn is what the next response of an adopted run takes from it, so
// that adoption loses neither the run's instructions and metadata nor the
// usage of its earlier responses.
type adoptedTurn struct {
	Profile string `json:"p"`
	// Prev is the run's previous response (a submit was adopted): the next
	// response takes model, instructions, metadata and usage from it.
	Prev string `json:"r,omitempty"`
	// The run's own settings (a start was adopted; no response to read).
	Instructions string            `json:"i,omitempty"`
	Metadata     map[string]string `json:"m,omitempty"`
	Key          string            `json:"k,omitempty"`
}

// handle encodes the turn as a run ID within maxAdoptedHandle.
func (t adoptedTurn) handle() string {
	h := t.encode()
	if len(h) > maxAdoptedHandle {
		t.Instructions, t.Metadata = "", nil
		h = t.encode()
	}
	return h
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

// adoptedProfile returns the profile named by an adopted run ID.
func adoptedProfile(runID string) (string, bool) {
	t, ok := parseAdopted(runID)
	return t.Profile, ok
}
