package assistant

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// apiRunLogKey matches a log call that names the API run by a key other
// than api_run_id. "RunID" is the Temporal SDK's key for the workflow's run:
// the SDK's loggers already carry it, so a second "RunID" on the same line
// meant the API run and the JSON line had the key twice.
var apiRunLogKey = regexp.MustCompile(`(\.(Debug|Info|Warn|Error)\(|log\.With\().*"(RunID|ApiRunID|APIRunID|run_id)",`)

// TestLogKeyOfTheAPIRunIsAPIRunID: one log key for the API run, everywhere.
func TestLogKeyOfTheAPIRunIsAPIRunID(t *testing.T) {
	var bad []string
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "bin" || strings.HasPrefix(d.Name(), ".")) && path != ".." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(b), "\n") {
			if apiRunLogKey.MatchString(line) {
				bad = append(bad, fmt.Sprintf("%s:%d: %s", filepath.ToSlash(path), i+1, strings.TrimSpace(line)))
			}
		}
		return nil
	})
	require.NoError(t, err)
	require.Empty(t, bad, `log the API run's ID under "api_run_id"`)
}
