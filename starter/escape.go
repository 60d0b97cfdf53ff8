package main

import (
	"fmt"
	"io"
	"strings"
	"unicode"
)

// terminalSafe shows the control characters of s as escapes (\x1b, \r,
// \u009b, \u202e): a reply, a tool output or an error from the model must not
// move the cursor, rewrite the screen, set the window title or reorder text
// on the user's terminal. Newlines and tabs stay.
func terminalSafe(s string) string {
	if strings.IndexFunc(s, needsEscape) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !needsEscape(r):
			b.WriteRune(r)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

func needsEscape(r rune) bool {
	if r == '\n' || r == '\t' {
		return false
	}
	return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r)
}

// shown is s as the starter prints it on w: escaped on a terminal, as is
// when piped (a script gets the exact text).
func shown(w io.Writer, s string) string {
	if isTerminal(w) {
		return terminalSafe(s)
	}
	return s
}
