package deploy

import (
	"context"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/distribution/reference"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/internal/config"
	"github.com/durable-assistants/durable-assistants/serve"
)

// loadCompose loads ../docker-compose.yml as `docker compose --profile demo`
// would, with .env.example as the .env: a variable the file requires and
// the example lacks fails here.
func loadCompose(t *testing.T) *types.Project {
	t.Helper()
	p, err := loadComposeWith(demoKey, demoToken)
	require.NoError(t, err)
	return p
}

// demoKey and demoToken are a payload key and a codec-server token as
// deploy/demo.sh writes them into .env when they are empty.
const (
	demoKey   = "PAYLOAD_CODEC_KEYS=k1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="
	demoToken = "CODEC_SERVER_TOKEN=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
)

func loadComposeWith(env ...string) (*types.Project, error) {
	opts, err := cli.NewProjectOptions([]string{"../docker-compose.yml"},
		cli.WithWorkingDirectory(".."), cli.WithEnvFiles("../.env.example"), cli.WithDotEnv,
		cli.WithEnv(env), cli.WithProfiles([]string{"demo"}))
	if err != nil {
		return nil, err
	}
	return opts.LoadProject(context.Background())
}

// TestComposeRequiresAPayloadKey: the stack encrypts what it stores, so it
// does not come up without a key, and says which variable to set.
func TestComposeRequiresAPayloadKey(t *testing.T) {
	_, err := loadComposeWith(demoToken)
	require.ErrorContains(t, err, "PAYLOAD_CODEC_KEYS")
	p := loadCompose(t)
	w, err := p.GetService("worker")
	require.NoError(t, err)
	require.NotNil(t, w.Environment["PAYLOAD_CODEC_KEYS"])
	require.Equal(t, "0.0.0.0:9090", *w.Environment["METRICS_ADDRESS"], "Prometheus scrapes from its own container")
}

// pinnedTag is a version (major.minor at least: PostgreSQL's are two
// numbers), not "latest" or a bare major.
var pinnedTag = regexp.MustCompile(`^v?\d+\.\d+(\.\d+)?([-.][\w.-]+)?$`)

func TestComposeImagesArePinned(t *testing.T) {
	p := loadCompose(t)
	require.GreaterOrEqual(t, len(p.Services), 7)
	for name, s := range p.Services {
		if s.Build != nil { // the project's own image
			require.Equal(t, "Dockerfile", s.Build.Dockerfile, name)
			continue
		}
		ref, err := reference.ParseNormalizedNamed(s.Image)
		require.NoError(t, err, name)
		tagged, ok := ref.(reference.Tagged)
		require.True(t, ok, "%s: image %s has no tag", name, s.Image)
		require.Regexp(t, pinnedTag, tagged.Tag(), "%s: image %s is not pinned to a version", name, s.Image)
	}
}

// TestComposeStartsInOrder: whoever waits for a service waits for it to be
// healthy (or, for the one-shot setups, to have succeeded), and every
// long-running service has a healthcheck.
func TestComposeStartsInOrder(t *testing.T) {
	p := loadCompose(t)
	for name, s := range p.Services {
		for dep, d := range s.DependsOn {
			target := p.Services[dep]
			switch d.Condition {
			case types.ServiceConditionHealthy:
				require.True(t, hasHealthcheck(target), "%s waits for %s to be healthy; it has no healthcheck", name, dep)
			case types.ServiceConditionCompletedSuccessfully:
				require.Equal(t, "no", target.Restart, "%s waits for %s to complete: a one-shot", name, dep)
			default:
				t.Errorf("%s depends on %s with condition %q", name, dep, d.Condition)
			}
		}
		if s.Restart != "no" && !isDemo(s) {
			require.True(t, hasHealthcheck(s), "%s runs on without a healthcheck", name)
		}
	}
	require.Contains(t, p.Services["temporal"].DependsOn, "temporal-schema", "schema before server")
	require.Contains(t, p.Services["worker"].DependsOn, "temporal-setup", "namespace and search attributes before the worker")
}

func hasHealthcheck(s types.ServiceConfig) bool {
	return s.HealthCheck != nil && !s.HealthCheck.Disable && len(s.HealthCheck.Test) > 0
}

func isDemo(s types.ServiceConfig) bool { return len(s.Profiles) > 0 }

func TestComposeKeepsPostgresDataAndBindsLocally(t *testing.T) {
	p := loadCompose(t)
	var volume string
	for _, v := range p.Services["postgresql"].Volumes {
		if v.Target == "/var/lib/postgresql/data" {
			require.Equal(t, types.VolumeTypeVolume, v.Type)
			volume = v.Source
		}
	}
	require.NotEmpty(t, volume, "PostgreSQL's data directory is not on a volume")
	require.Contains(t, p.Volumes, volume)
	for name, s := range p.Services {
		for _, port := range s.Ports {
			require.Equal(t, "127.0.0.1", port.HostIP, "%s publishes %s beyond localhost", name, port.Published)
		}
	}
}

// TestComposeWorkerEnvironment: every variable set on the worker is one the
// worker reads (config.Worker's env tags), the ones compose relies on are
// set, and its stop grace period covers the worker's stop timeout.
func TestComposeWorkerEnvironment(t *testing.T) {
	p := loadCompose(t)
	w := p.Services["worker"]
	known := envNames(reflect.TypeFor[config.Worker]())
	for name := range w.Environment {
		require.True(t, known[name], "the worker reads no %s", name)
	}
	for _, name := range []string{"TEMPORAL_ADDRESS", "TEMPORAL_NAMESPACE", "TEMPORAL_TASK_QUEUE", "OPENAI_API_KEY",
		"HEALTH_ADDRESS", "METRICS_ADDRESS"} {
		require.Contains(t, w.Environment, name)
		require.NotEmpty(t, *w.Environment[name], name)
	}
	require.Equal(t, "false", *w.Environment["TEMPORAL_REGISTER_SEARCH_ATTRIBUTES"], "temporal-setup registers them")
	require.NotNil(t, w.StopGracePeriod)
	require.Greater(t, time.Duration(*w.StopGracePeriod), serve.StopTimeout)
	require.Equal(t, []string{"worker", "healthcheck"}, []string(w.HealthCheck.Test[1:]))
}

// envNames are the env tags of t's fields, embedded structs included.
func envNames(t reflect.Type) map[string]bool {
	out := map[string]bool{}
	for f := range t.Fields() {
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			for n := range envNames(f.Type) {
				out[n] = true
			}
			continue
		}
		if name, _, _ := strings.Cut(f.Tag.Get("env"), ","); name != "" {
			out[name] = true
		}
	}
	return out
}

// TestComposeSetupRegistersTheWorkflowsSearchAttributes: exactly the ones
// the workflows set, with their types.
func TestComposeSetupRegistersTheWorkflowsSearchAttributes(t *testing.T) {
	p := loadCompose(t)
	list := p.Services["temporal-setup"].Environment["SEARCH_ATTRIBUTES"]
	require.NotNil(t, list)
	got := map[string]string{}
	for _, attr := range strings.Fields(*list) {
		name, typ, ok := strings.Cut(attr, ":")
		require.True(t, ok, attr)
		got[name] = typ
	}
	want := map[string]string{}
	for name, typ := range assistant.SearchAttributeTypes() {
		want[name] = cliType(typ.String())
	}
	require.Equal(t, want, got)
}

// cliType turns the API's enum name (Keyword, KeywordList, Int, …) into
// the type name `temporal operator search-attribute create` takes.
func cliType(enum string) string {
	var b strings.Builder
	for _, part := range strings.Split(strings.TrimPrefix(enum, "INDEXED_VALUE_TYPE_"), "_") {
		b.WriteString(part[:1] + strings.ToLower(part[1:]))
	}
	return b.String()
}

// TestComposeTemporalEnablesEagerActivities: the compose server reads the
// project's dynamic config, which hands scheduled activities straight back
// to the worker (issue 18).
func TestComposeTemporalEnablesEagerActivities(t *testing.T) {
	p := loadCompose(t)
	s := p.Services["temporal"]
	path := *s.Environment["DYNAMIC_CONFIG_FILE_PATH"]
	var mounted string
	for _, v := range s.Volumes {
		if v.Target == "/etc/temporal/"+path {
			mounted = v.Source
		}
	}
	require.NotEmpty(t, mounted, "DYNAMIC_CONFIG_FILE_PATH %s is not mounted", path)
	b, err := os.ReadFile(mounted)
	require.NoError(t, err)
	var cfg map[string][]struct{ Value any }
	require.NoError(t, yaml.Unmarshal(b, &cfg))
	require.Len(t, cfg["system.enableActivityEagerExecution"], 1)
	require.Equal(t, true, cfg["system.enableActivityEagerExecution"][0].Value)
}
