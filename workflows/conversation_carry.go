package workflows

import (
	"sort"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// Bounds on what a conversation carries across continue-as-new: its input
// must stay small however long the conversation lives.
const (
	maxKeptTurns  = 50
	maxSeenIDs    = 500
	shortTextLen  = 80
	epochIDLength = 8
)

// recentSeen is the Update-ID-to-turn table to carry: the most recent
// maxSeenIDs, oldest first. Sorted by turn, since map order is random and
// the result goes into a command.
func (c *conversation) recentSeen() []assistant.SeenUpdate {
	seen := make([]assistant.SeenUpdate, 0, len(c.seen))
	//workflowcheck:ignore (sorted below, before any command sees it)
	for id, n := range c.seen {
		seen = append(seen, assistant.SeenUpdate{UpdateID: id, Turn: n})
	}
	sort.Slice(seen, func(i, j int) bool {
		if seen[i].Turn != seen[j].Turn {
			return seen[i].Turn < seen[j].Turn
		}
		return seen[i].UpdateID < seen[j].UpdateID
	})
	if over := len(seen) - maxSeenIDs; over > 0 {
		seen = seen[over:]
	}
	return seen
}

// short cuts a text for the turns query and the UI. The bound is in bytes,
// what the carried input actually holds (80 characters were up to 320).
func short(s string) string { return assistant.Cut(s, shortTextLen) }

// shortID is the head of an ID, enough to tell runs apart.
func shortID(id string) string {
	if len(id) > epochIDLength {
		return id[:epochIDLength]
	}
	return id
}
