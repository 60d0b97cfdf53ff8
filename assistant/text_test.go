package assistant

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

func TestCut(t *testing.T) {
	tests := []struct {
		name string
		s    string
		n    int
		want string
	}{
		{"fits", "hello", 5, "hello"},
		{"empty", "", 3, ""},
		{"ascii", "hello world", 5, "hello…"},
		{"never splits a character", "héllo", 2, "h…"}, // é is 2 bytes at [1,3)
		{"on a boundary", "héllo", 3, "hé…"},
		{"4-byte character", "a😀b", 4, "a…"},
		{"zero", "abc", 0, "…"},
		{"negative", "abc", -1, "…"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Cut(tc.s, tc.n)
			require.Equal(t, tc.want, got)
			require.True(t, utf8.ValidString(got))
		})
	}
}

func TestPrefixFitsAndIsValid(t *testing.T) {
	s := strings.Repeat("é😀a", 50)
	for n := range len(s) + 2 {
		p := Prefix(s, n)
		require.LessOrEqual(t, len(p), n)
		require.True(t, utf8.ValidString(p), "n=%d", n)
		require.True(t, strings.HasPrefix(s, p))
		require.Greater(t, len(p), n-utf8.UTFMax, "at most one character is lost (n=%d)", n)
	}
}

func TestTail(t *testing.T) {
	require.Equal(t, "hello", Tail("hello", 9))
	require.Equal(t, "llo", Tail("hello", 3))
	require.Equal(t, "o", Tail("héo", 2), "the é would be split")
	require.Equal(t, "éo", Tail("héo", 3))
	require.Equal(t, "", Tail("abc", 0))
	s := strings.Repeat("é😀a", 50)
	for n := range len(s) + 2 {
		tl := Tail(s, n)
		require.LessOrEqual(t, len(tl), n)
		require.True(t, utf8.ValidString(tl), "n=%d", n)
		require.True(t, strings.HasSuffix(s, tl))
	}
}
