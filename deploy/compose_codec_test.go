package deploy

import (
	"go/ast"
	"go/parser"
	"go/token"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/codec"
)

// TestComposeUIDecryptsThroughTheCodecServer: the UI is pointed at the
// codec server as the browser reaches it (its published port on
// localhost), with cookies included (the sign-in, since the UI cannot send
// a fixed bearer token); the codec server allows exactly the UI's browser
// origin, holds the worker's keys, wants a token, and listens on the port
// that is published.
func TestComposeUIDecryptsThroughTheCodecServer(t *testing.T) {
	p := loadCompose(t)
	cs, ui, w := p.Services["codec-server"], p.Services["temporal-ui"], p.Services["worker"]
	require.NotNil(t, cs.Build, "codec-server is built from the project's Dockerfile")
	require.Equal(t, []string{"codec-server"}, []string(cs.Entrypoint))
	require.Equal(t, []string{"codec-server", "healthcheck"}, []string(cs.HealthCheck.Test[1:]))
	require.Equal(t, types.ServiceConditionHealthy, ui.DependsOn["codec-server"].Condition)

	known := codecServerEnv(t)
	for name := range cs.Environment {
		require.True(t, known[name], "the codec server reads no %s", name)
	}
	env := func(s types.ServiceConfig, name string) string {
		require.NotNil(t, s.Environment[name], name)
		return *s.Environment[name]
	}
	require.Equal(t, env(w, codec.EnvKeys), env(cs, codec.EnvKeys), "the worker's keys")
	require.NotEmpty(t, env(cs, "CODEC_SERVER_TOKEN"))

	require.Len(t, cs.Ports, 1)
	port := cs.Ports[0]
	require.Equal(t, "127.0.0.1", port.HostIP)
	require.Equal(t, "0.0.0.0:"+strconv.Itoa(int(port.Target)), env(cs, "CODEC_SERVER_ADDRESS"),
		"listens on all interfaces of its container, at the port that is published")
	endpoint, err := url.Parse(env(ui, "TEMPORAL_CODEC_ENDPOINT"))
	require.NoError(t, err)
	require.Equal(t, "localhost:"+port.Published, endpoint.Host, "the browser reaches the codec server there")
	require.Equal(t, "true", env(ui, "TEMPORAL_CODEC_INCLUDE_CREDENTIALS"), "the sign-in cookie travels")

	require.Len(t, ui.Ports, 1)
	uiOrigin := "http://localhost:" + ui.Ports[0].Published
	require.Equal(t, uiOrigin, env(cs, "CODEC_SERVER_ALLOWED_ORIGINS"), "CORS for the UI's page, and it alone")
	require.Equal(t, uiOrigin, env(w, "TEMPORAL_UI_URL"), "the links the worker prints open that origin")
	require.Equal(t, endpoint.Hostname(), "localhost", "same site as the UI, so the SameSite cookie goes along")

	_, err = loadComposeWith(demoKey)
	require.ErrorContains(t, err, "CODEC_SERVER_TOKEN", "no stack without a codec-server token")
}

// codecServerEnv are the env tags of cmd/codec-server's Config, read from
// its source (a main package cannot be imported).
func codecServerEnv(t *testing.T) map[string]bool {
	f, err := parser.ParseFile(token.NewFileSet(), "../cmd/codec-server/main.go", nil, 0)
	require.NoError(t, err)
	out := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		ts, ok := n.(*ast.TypeSpec)
		if !ok || ts.Name.Name != "Config" {
			return true
		}
		for _, field := range ts.Type.(*ast.StructType).Fields.List {
			if field.Tag != nil {
				tag := reflect.StructTag(strings.Trim(field.Tag.Value, "`"))
				if name, _, _ := strings.Cut(tag.Get("env"), ","); name != "" {
					out[name] = true
				}
			}
		}
		return false
	})
	require.Contains(t, out, "CODEC_SERVER_TOKEN", "parsed Config")
	return out
}

// TestDockerfileBuildsEveryCommandTheStackRuns: each command a service built
// from the Dockerfile runs (entrypoint, healthcheck) is one the Dockerfile
// builds.
func TestDockerfileBuildsEveryCommandTheStackRuns(t *testing.T) {
	built := map[string]bool{"worker": true} // the image's ENTRYPOINT
	loop := regexp.MustCompile(`for cmd in ([^;]+);`)
	for _, line := range dockerfile(t) {
		if m := loop.FindStringSubmatch(line); m != nil {
			for _, pkg := range strings.Fields(m[1]) {
				built[filepath.Base(pkg)] = true
			}
		}
	}
	for name, s := range loadCompose(t).Services {
		if s.Build == nil {
			continue
		}
		if len(s.Entrypoint) > 0 {
			require.True(t, built[s.Entrypoint[0]], "%s runs %s, which the Dockerfile does not build", name, s.Entrypoint[0])
		}
		if hasHealthcheck(s) && s.HealthCheck.Test[0] == "CMD" {
			require.True(t, built[s.HealthCheck.Test[1]], "%s checks with %s, which the Dockerfile does not build", name, s.HealthCheck.Test[1])
		}
	}
}

// TestDemoFillsInTheSecrets runs deploy/demo.sh's fill-in steps on a copy of
// .env.example: the stack then loads with that .env alone, with a payload
// key the codec accepts and a 64-hex-digit codec-server token.
func TestDemoFillsInTheSecrets(t *testing.T) {
	script, err := os.ReadFile("demo.sh")
	require.NoError(t, err)
	fills := regexp.MustCompile(`(?ms)^if grep -q .*?^fi$`).FindAllString(string(script), -1)
	require.Len(t, fills, 2, "demo.sh fills in PAYLOAD_CODEC_KEYS and CODEC_SERVER_TOKEN")
	dir := t.TempDir()
	example, err := os.ReadFile("../.env.example")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".env"), example, 0o600))
	cmd := exec.Command("sh", "-euc", strings.Join(fills, "\n"))
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)

	opts, err := cli.NewProjectOptions([]string{"../docker-compose.yml"}, cli.WithWorkingDirectory(".."),
		cli.WithEnvFiles(filepath.Join(dir, ".env")), cli.WithDotEnv, cli.WithProfiles([]string{"demo"}))
	require.NoError(t, err)
	p, err := opts.LoadProject(t.Context())
	require.NoError(t, err)
	cs := p.Services["codec-server"]
	require.Regexp(t, `^[0-9a-f]{64}$`, *cs.Environment["CODEC_SERVER_TOKEN"])
	c, err := codec.Load(*cs.Environment[codec.EnvKeys], "")
	require.NoError(t, err)
	require.NotNil(t, c)
}
