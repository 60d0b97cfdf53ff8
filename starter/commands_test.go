package main

import (
	"bytes"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

// readPages reads one page, or with all every page, and keeps the last
// page's cursor; an error returns what was read before it.
func TestReadPages(t *testing.T) {
	pages := map[string]page[int]{"": {[]int{1, 2}, true, "b"}, "b": {[]int{3}, true, "c"}, "c": {[]int{4}, false, ""}}
	read := func(after string) (page[int], error) { return pages[after], nil }

	one, err := readPages("", false, read)
	require.NoError(t, err)
	require.Equal(t, page[int]{[]int{1, 2}, true, "b"}, one)
	rest, err := readPages("b", true, read)
	require.NoError(t, err)
	require.Equal(t, page[int]{[]int{3, 4}, false, ""}, rest)

	boom := errors.New("boom")
	got, err := readPages("", true, func(after string) (page[int], error) {
		if after == "c" {
			return page[int]{}, boom
		}
		return pages[after], nil
	})
	require.ErrorIs(t, err, boom)
	require.Equal(t, []int{1, 2, 3}, got.items)
}

func TestLeadingIDAndJSON(t *testing.T) {
	id, rest := leadingID([]string{"asst_1", "--json"})
	require.Equal(t, "asst_1", id)
	require.Equal(t, []string{"--json"}, rest)
	id, rest = leadingID([]string{"--json"})
	require.Empty(t, id)
	require.Equal(t, []string{"--json"}, rest)

	var out bytes.Buffer
	printJSON(&out, map[string]string{"reply": "a <b> & c"})
	require.Equal(t, "{\"reply\":\"a <b> & c\"}\n", out.String(), "not HTML-escaped")
}
