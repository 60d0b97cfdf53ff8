package devserver

import (
	"fmt"
	"strings"
	"testing"
)

func TestBuildProgressCountsCompiledPackages(t *testing.T) {
	out := strings.Join([]string{
		"go: downloading github.com/temporalio/cli v1.5.1",
		"internal/goarch",
		"go.temporal.io/server/common/log",
		"# go.temporal.io/server/common/x",
		"common/x/x.go:3:2: undefined: y",
		"github.com/temporalio/cli/cmd/temporal",
	}, "\n")
	var said []string
	say := func(f string, a ...any) { said = append(said, fmt.Sprintf(f, a...)) }
	var p buildProgress
	var tail strings.Builder
	p.scan(strings.NewReader(out), &tail, say)
	if got := p.count.Load(); got != 3 {
		t.Fatalf("counted %d packages, want 3", got)
	}
	if got := p.last.Load(); got != "github.com/temporalio/cli/cmd/temporal" {
		t.Fatalf("last = %v", got)
	}
	if len(said) != 1 || said[0] != "downloading github.com/temporalio/cli v1.5.1" {
		t.Fatalf("said %q, want the download line only", said)
	}
	if !strings.Contains(tail.String(), "undefined: y") {
		t.Fatal("the tail keeps the compiler's errors")
	}
}
