package cluster

import (
	"os"
	"path/filepath"
	"text/template"
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
	for _, f := range []*int{&p.Frontend, &p.FrontendHTTP, &p.FrontendMembership, &p.History, &p.HistoryMembership,
		&p.Matching, &p.MatchingMembership, &p.Worker, &p.WorkerMembership} {
		var err error
		if *f, err = freePort(); err != nil {
			return p, err
		}
	}
	return p, nil
}

// serverConfig is what the config template needs.
type serverConfig struct {
	Ports         ports
	Shards        int
	PostgresPort  int
	DynamicConfig string
}

// writeConfig writes dir/config/development.yaml (the file the server
// reads with --env development) and the dynamic config it points to.
func writeConfig(dir string, c serverConfig) error {
	confDir := filepath.Join(dir, "config")
	if err := os.MkdirAll(confDir, 0o755); err != nil {
		return err
	}
	c.DynamicConfig = filepath.Join(confDir, "dynamic.yaml")
	if err := os.WriteFile(c.DynamicConfig, []byte(dynamicConfig), 0o644); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(confDir, "development.yaml"))
	if err != nil {
		return err
	}
	defer f.Close()
	return configTemplate.Execute(f, c)
}

// dynamicConfig: search attributes registered by the harness are usable at
// once (the cache would otherwise hide them for up to a minute).
const dynamicConfig = `system.forceSearchAttributesCacheRefreshOnRead:
  - value: true
`

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
