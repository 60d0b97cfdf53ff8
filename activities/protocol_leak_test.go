package activities_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The protocol-neutral activities know no protocol's error texts, ID shapes,
// adoption rules or backend types: those stay in activities/assistantsapi
// and activities/responsesapi, behind Backend and the typed errors of
// backend_support.go. (Importing a protocol package would be a cycle, which
// the compiler refuses; this guards what an import is not needed for.)
func TestNoProtocolKnowledgeOutsideItsPackage(t *testing.T) {
	leaks := []string{
		"already has an active run", // Assistants: ErrRunActive
		"conversation_locked",       // Responses: ThreadBusy
		"adopted:",                  // Responses: a handle's shape; Backend.Pollable
		"adoptedProfile", "parseAdopted",
		"assistantsapi.", "responsesapi.", // the backends themselves
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range leaks {
			if strings.Contains(string(src), l) {
				t.Errorf("%s mentions %q, which belongs to a protocol package", f, l)
			}
		}
	}
}
