package responsesapi

import (
	"strconv"
	"strings"

	"github.com/durable-assistants/durable-assistants/activities"
	"github.com/durable-assistants/durable-assistants/assistant"
)

// chainTag is what every response of a run carries in its metadata under the
// reserved idempotency key: the profile it was created for, the usage of the
// run's earlier responses, and the run's idempotency key. It lets the next
// response of the chain (after tool outputs) be built from the previous one
// alone, and the run's usage be summed, with the backend keeping no state.
// The API's metadata limit leaves one pair for the engine, hence one value.
type chainTag struct {
	Profile string
	Prior   assistant.Usage
	Key     string
	// Flags name the overrides the next responses repeat (flagTools...);
	// a tag with flags is written as v2, one without as v1, as before them.
	Flags string
}

// tagVersion prefixes the encoded tag so its format can change; v2 adds the
// flags before the key.
const (
	tagVersion   = "v1"
	tagVersionV2 = "v2"
)

// metadata returns the caller's metadata plus the encoded tag. The key comes
// last, so the API's 512-character value limit only ever shortens the key,
// which nothing parses back.
func (t chainTag) metadata(user map[string]string) map[string]string {
	meta := make(map[string]string, len(user)+1)
	for k, v := range user {
		meta[k] = v
	}
	parts := []string{tagVersion, t.Profile,
		strconv.FormatInt(t.Prior.PromptTokens, 10), strconv.FormatInt(t.Prior.CompletionTokens, 10),
		strconv.FormatInt(t.Prior.TotalTokens, 10), t.Key}
	if t.Flags != "" {
		parts = append([]string{tagVersionV2}, append(parts[1:5:5], t.Flags, t.Key)...)
	}
	v := strings.Join(parts, ";")
	if len(v) > assistant.MaxMetadataValueLen {
		v = v[:assistant.MaxMetadataValueLen]
	}
	meta[activities.MetadataKeyIdempotency] = v
	return meta
}

// parseTag reads the tag from a response's metadata; a missing or foreign
// value is the zero tag (the response was not created by this engine).
func parseTag(meta map[string]string) chainTag {
	v := meta[activities.MetadataKeyIdempotency]
	var flags string
	if rest, ok := strings.CutPrefix(v, tagVersionV2+";"); ok {
		p := strings.SplitN(rest, ";", 6)
		if len(p) != 6 {
			return chainTag{}
		}
		flags, v = p[4], strings.Join([]string{tagVersion, p[0], p[1], p[2], p[3], p[5]}, ";")
	}
	parts := strings.SplitN(v, ";", 6)
	if len(parts) != 6 || parts[0] != tagVersion {
		return chainTag{}
	}
	num := func(s string) int64 { n, _ := strconv.ParseInt(s, 10, 64); return n }
	return chainTag{Profile: parts[1], Key: parts[5], Flags: flags, Prior: assistant.Usage{
		PromptTokens: num(parts[2]), CompletionTokens: num(parts[3]), TotalTokens: num(parts[4]),
	}}
}

// userMetadata is a response's metadata without the engine's tag.
func userMetadata(meta map[string]string) map[string]string {
	out := make(map[string]string, len(meta))
	for k, v := range meta {
		if k != activities.MetadataKeyIdempotency {
			out[k] = v
		}
	}
	return out
}
