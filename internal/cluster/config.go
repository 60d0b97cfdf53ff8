package cluster

import (
	"errors"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"text/template"

	"go.yaml.in/yaml/v3"
)

// ports are the server's listening ports, all on 127.0.0.1.
type ports struct {
	Frontend, FrontendHTTP, FrontendMembership int
	History, HistoryMembership                 int
	Matching, MatchingMembership               int
	Worker, WorkerMembership                   int
}

func freePorts() (ports, error) {
	var p ports
	var err error
	for _, f := range []*int{&p.Frontend, &p.FrontendHTTP, &p.History, &p.Matching, &p.Worker} {
		if *f, err = freePort(); err != nil {
			return p, err
		}
	}
	for _, f := range []*int{&p.FrontendMembership, &p.HistoryMembership, &p.MatchingMembership, &p.WorkerMembership} {
		if *f, err = freeMembershipPort(); err != nil {
			return p, err
		}
	}
	return p, nil
}

// freeMembershipPort is a free port below 32768: the SQL schema stores
// membership ports as a smallint, and the kernel's ephemeral ports (what
// freePort finds) start at 32768.
func freeMembershipPort() (int, error) {
	for range 100 {
		port := 10000 + rand.IntN(22000)
		l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port))
		if err == nil {
			l.Close()
			return port, nil
		}
	}
	return 0, errors.New("no free port below 32768 for the server's membership")
}

// serverConfig is what the config template needs.
type serverConfig struct {
	Ports         ports
	Shards        int
	PostgresPort  int
	DynamicConfig string
}

// writeConfig writes dir/config/development.yaml (the file the server
// reads with --env development) and the dynamic config it points to:
// defaultDynamicConfig with extra's values over it.
func writeConfig(dir string, c serverConfig, extra map[string]any) error {
	confDir := filepath.Join(dir, "config")
	if err := os.MkdirAll(confDir, 0o755); err != nil {
		return err
	}
	dyn, err := dynamicConfigYAML(extra)
	if err != nil {
		return err
	}
	c.DynamicConfig = filepath.Join(confDir, "dynamic.yaml")
	if err := os.WriteFile(c.DynamicConfig, dyn, 0o644); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(confDir, "development.yaml"))
	if err != nil {
		return err
	}
	defer f.Close()
	return configTemplate.Execute(f, c)
}

// defaultDynamicConfig is the dev server's own (the CLI's defaults): search
// attributes registered by the harness are usable at once (the cache would
// hide them for up to a minute), and since that reads them from the
// database on every request, the persistence rate limits are raised as the
// CLI does; at the server's defaults they throttle (a 50-turn conversation
// took 5x longer). Eager activities as on the dev server (devserver's
// dynamicConfig, issue 18).
var defaultDynamicConfig = map[string]any{
	"system.enableActivityEagerExecution":            true,
	"system.forceSearchAttributesCacheRefreshOnRead": true,
	"frontend.persistenceMaxQPS":                     10000,
	"history.persistenceMaxQPS":                      45000,
}

// dynamicConfigYAML is the server's dynamic config file: each key holds
// one value without constraints, so it applies to every namespace.
func dynamicConfigYAML(extra map[string]any) ([]byte, error) {
	file := map[string][]map[string]any{}
	for _, values := range []map[string]any{defaultDynamicConfig, extra} {
		for k, v := range values {
			file[k] = []map[string]any{{"value": v}}
		}
	}
	return yaml.Marshal(file)
}

// configTemplate follows the server's config/development-postgres12.yaml:
// one process running all four services, each on its own ports.
var configTemplate = template.Must(template.New("config").Parse(`log:
  stdout: true
  level: warn
persistence:
  defaultStore: default
  visibilityStore: visibility
  numHistoryShards: {{.Shards}}
  datastores:
    default:
      sql:
        pluginName: postgres12
        databaseName: temporal
        connectAddr: "127.0.0.1:{{.PostgresPort}}"
        connectProtocol: tcp
        user: temporal
        maxConns: 20
        maxIdleConns: 20
        maxConnLifetime: 1h
    visibility:
      sql:
        pluginName: postgres12
        databaseName: temporal_visibility
        connectAddr: "127.0.0.1:{{.PostgresPort}}"
        connectProtocol: tcp
        user: temporal
        maxConns: 10
        maxIdleConns: 10
        maxConnLifetime: 1h
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: 127.0.0.1
services:
  frontend:
    rpc:
      grpcPort: {{.Ports.Frontend}}
      membershipPort: {{.Ports.FrontendMembership}}
      httpPort: {{.Ports.FrontendHTTP}}
      bindOnLocalHost: true
  history:
    rpc:
      grpcPort: {{.Ports.History}}
      membershipPort: {{.Ports.HistoryMembership}}
      bindOnLocalHost: true
  matching:
    rpc:
      grpcPort: {{.Ports.Matching}}
      membershipPort: {{.Ports.MatchingMembership}}
      bindOnLocalHost: true
  worker:
    rpc:
      grpcPort: {{.Ports.Worker}}
      membershipPort: {{.Ports.WorkerMembership}}
      bindOnLocalHost: true
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: "127.0.0.1:{{.Ports.Frontend}}"
dcRedirectionPolicy:
  policy: noop
archival:
  history:
    state: disabled
  visibility:
    state: disabled
namespaceDefaults:
  archival:
    history:
      state: disabled
    visibility:
      state: disabled
dynamicConfigClient:
  filepath: "{{.DynamicConfig}}"
  pollInterval: 10s
`))
