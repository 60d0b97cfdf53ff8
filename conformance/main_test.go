package conformance

import (
	"flag"
	"fmt"
	"os"
	"testing"
)

// TestMain skips the package under -short: its tests validate whole API
// flows against the OpenAPI spec, the contributors' fast loop leaves them out.
func TestMain(m *testing.M) {
	flag.Parse()
	if testing.Short() {
		fmt.Println("conformance: skipped under -short (OpenAPI validation of emulator, clients and worker)")
		os.Exit(0)
	}
	os.Exit(m.Run())
}
