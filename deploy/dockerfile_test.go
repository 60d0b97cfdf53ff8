package deploy

import (
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/mattn/go-shellwords"
	"github.com/stretchr/testify/require"
)

// dockerfile is ../Dockerfile with continuation lines joined.
func dockerfile(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("../Dockerfile")
	require.NoError(t, err)
	return strings.Split(strings.ReplaceAll(string(b), "\\\n", " "), "\n")
}

var goBuild = regexp.MustCompile(`go build (.*?) -o \S+ \./\$cmd`)

// TestDockerfileBuildsAStaticWorker builds the worker with the `go build`
// flags (but -trimpath) and the ENV of the Dockerfile's build stage and checks the binary
// needs no dynamic loader or shared library (the final stage has no libc).
func TestDockerfileBuildsAStaticWorker(t *testing.T) {
	var flags []string
	env := os.Environ()
	for _, line := range dockerfile(t) {
		line = strings.TrimSpace(line)
		if rest, ok := strings.CutPrefix(line, "ENV "); ok && strings.Contains(rest, "CGO_ENABLED") {
			env = append(env, strings.Fields(rest)...)
		}
		if m := goBuild.FindStringSubmatch(line); m != nil {
			var err error
			flags, err = shellwords.Parse(m[1])
			require.NoError(t, err)
		}
	}
	require.Contains(t, env, "CGO_ENABLED=0")
	// -trimpath only drops file paths, and would recompile every package
	// (minutes of CI) for the same linking.
	require.Contains(t, flags, "-trimpath")
	flags = slices.DeleteFunc(flags, func(f string) bool { return f == "-trimpath" })
	out := filepath.Join(t.TempDir(), "worker")
	cmd := exec.Command("go", append(append([]string{"build"}, flags...), "-o", out, "./worker")...)
	cmd.Dir, cmd.Env = "..", env
	b, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", b)

	f, err := elf.Open(out)
	require.NoError(t, err)
	defer f.Close()
	for _, p := range f.Progs {
		require.NotEqual(t, elf.PT_INTERP, p.Type, "the worker needs a dynamic loader")
	}
	libs, err := f.ImportedLibraries()
	require.NoError(t, err)
	require.Empty(t, libs)
}

// TestDockerfileRunsAsNonRootWithHealthcheck checks the final stage.
func TestDockerfileRunsAsNonRootWithHealthcheck(t *testing.T) {
	var final []string
	for _, line := range dockerfile(t) {
		if strings.HasPrefix(line, "FROM ") {
			final = nil
		}
		final = append(final, line)
	}
	stage := strings.Join(final, "\n")
	require.Regexp(t, `(?m)^FROM gcr\.io/distroless/static`, stage)
	require.Regexp(t, `(?m)^USER nonroot`, stage)
	require.Regexp(t, `(?m)^HEALTHCHECK .*CMD \["worker", "healthcheck"\]`, stage)
}
