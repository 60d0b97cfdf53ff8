package cluster

import (
	"context"
	"flag"
	"fmt"
	"os"
	"testing"
)

// TestMain builds the server before any test's clock starts: on a new CI
// machine the build alone can outlast a test's 5-minute context (it was
// killed at 300 s on a loaded 2-core machine), and m.Run's -timeout alarm
// starts only after this returns.
func TestMain(m *testing.M) {
	flag.Parse()
	if !testing.Short() {
		if _, err := postgresBinDir(); err == nil || os.Getenv("CI") == "true" {
			if _, err := ensureBinaries(context.Background()); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		}
	}
	os.Exit(m.Run())
}
