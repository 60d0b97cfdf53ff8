package tools

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
)

// randomText mixes every class of character encoding/json treats apart.
func randomText(rng *rand.Rand, n int) string {
	pieces := []string{"a", "Z", " ", "é", "日", "😀", "\"", "\\", "\n", "\t", "\b", "\f", "\r", "\x00", "\x01", "\x1f",
		"<", ">", "&", "\u2028", "\u2029", "\x7f", "\xff", "\xe2\x82", "/"}
	var b strings.Builder
	for range n {
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return b.String()
}

// EncodedLen is exactly the size json.Marshal gives, whatever the text.
func TestEncodedLenMatchesJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		s := randomText(rng, i%200)
		b, err := json.Marshal(s)
		require.NoError(t, err)
		require.Equal(t, len(b), assistant.EncodedLen(s), "%q", s)
	}
}

// A cut string fits its limit once encoded, keeps as much as fits, and says
// how much it dropped.
func TestCutEncodedFitsTheLimit(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 2000 {
		s := randomText(rng, 50+i%300)
		limit := 40 + rng.IntN(400)
		got := assistant.CutEncoded(s, limit)
		b, _ := json.Marshal(got)
		require.LessOrEqual(t, len(b), limit, "%q cut to %d", s, limit)
		if assistant.EncodedLen(s) <= limit {
			require.Equal(t, s, got)
			continue
		}
		require.Regexp(t, `…\[truncated \d+ bytes\]$`, got)
		kept := strings.TrimSuffix(got, got[strings.LastIndex(got, "…[truncated"):])
		require.True(t, strings.HasPrefix(s, kept))
	}
}

// An error output stays within MaxOutputBytes once encoded, whatever the
// message (it is escaped twice: in the error object, then as a string).
func TestErrorOutputFitsEncoded(t *testing.T) {
	for _, c := range []string{"\x01", "<", "\"", "\\", "é", "\u2028"} {
		out := errorOutput(strings.Repeat(c, 3*maxErrorBytes))
		require.LessOrEqual(t, assistant.EncodedLen(out), MaxOutputBytes, "%q", c)
		var e struct{ Error string }
		require.NoError(t, json.Unmarshal([]byte(out), &e), "still JSON")
	}
}
