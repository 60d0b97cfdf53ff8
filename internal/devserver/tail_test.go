package devserver

import (
	"strings"
	"testing"
)

func TestTailBufferKeepsTheEnd(t *testing.T) {
	tb := &tailBuffer{max: 8}
	for _, s := range []string{"hello ", "dev ", "server"} {
		if _, err := tb.Write([]byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	if got := tb.String(); got != "v server" {
		t.Fatalf("tail = %q, want %q", got, "v server")
	}
	tb.Write([]byte(strings.Repeat("x", 20)))
	if got := tb.String(); got != "xxxxxxxx" {
		t.Fatalf("tail = %q after a long write", got)
	}
}
