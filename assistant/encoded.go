package assistant

import (
	"fmt"
	"unicode/utf8"
)

// EncodedLen is the size of s as a JSON string, quotes included, exactly as
// encoding/json writes it with its default HTML escaping: the form a tool
// output takes in Temporal payloads (the default data converter), and at
// most its size in the model API's request bodies. A string of "<" or
// control characters grows up to six times, so limits on what is sent are
// computed on this size.
func EncodedLen(s string) int {
	n := 2
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		n += encodedRuneLen(r, w)
		i += w
	}
	return n
}

// encodedRuneLen is what encoding/json writes for one rune of width w.
func encodedRuneLen(r rune, w int) int {
	switch {
	case r == utf8.RuneError && w == 1: // invalid byte: written as \ufffd
		return 6
	case r == '"' || r == '\\' || r == '\b' || r == '\f' || r == '\n' || r == '\r' || r == '\t':
		return 2
	case r < 0x20 || r == '<' || r == '>' || r == '&' || r == '\u2028' || r == '\u2029':
		return 6 // \u00XX
	}
	return w
}

// CutEncoded returns s cut on a character boundary so that EncodedLen of the
// result is at most limit, ending with a note of how many bytes were dropped
// so the model knows it did not see everything. s itself when it fits.
func CutEncoded(s string, limit int) string {
	if EncodedLen(s) <= limit {
		return s
	}
	// The note for len(s) dropped bytes is at least as long as the final one,
	// and has no character that JSON escapes.
	room := limit - 2 - len(TruncationNote(len(s)))
	cut := 0
	for cut < len(s) {
		r, w := utf8.DecodeRuneInString(s[cut:])
		c := encodedRuneLen(r, w)
		if c > room {
			break
		}
		room -= c
		cut += w
	}
	return s[:cut] + TruncationNote(len(s)-cut)
}

// TruncationNote ends a text cut by CutEncoded: how many bytes were dropped,
// so the model knows it did not see everything.
func TruncationNote(dropped int) string {
	return fmt.Sprintf("…[truncated %d bytes]", dropped)
}
