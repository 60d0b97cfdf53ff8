package assistant

import "unicode/utf8"

// Every text that travels in a payload, a failure message or a log is cut
// here: Temporal's protobuf strings must be valid UTF-8, so a cut never
// splits a character. Limits are in bytes, the size actually sent.

// Prefix is the longest start of s of at most n bytes that ends on a
// character boundary.
func Prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	n = max(n, 0)
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// Cut is Prefix, marked with "…" (not counted in n) when it cut something.
func Cut(s string, n int) string {
	if p := Prefix(s, n); len(p) < len(s) {
		return p + "…"
	}
	return s
}

// Tail is the longest end of s of at most n bytes that starts on a
// character boundary.
func Tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - max(n, 0)
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return s[i:]
}
