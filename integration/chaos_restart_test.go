package integration

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	tclient "go.temporal.io/sdk/client"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
	"github.com/durable-assistants/durable-assistants/internal/devserver"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// chaosServerRestart restarts the Temporal server mid-run, on the kind of
// server the suite runs on (TEMPORAL_SERVER).
func chaosServerRestart(t *testing.T, p protocol) {
	if onCluster {
		chaosClusterRestart(t, p)
		return
	}
	chaosDevServerRestart(t, p)
}

// chaosDevServerRestart stops the dev server mid-run and starts it again on
// the same port and database: the worker reconnects and the run finishes once.
func chaosDevServerRestart(t *testing.T, p protocol) {
	ctx := context.Background()
	addr, err := devserver.FreeHostPort()
	require.NoError(t, err)
	db := filepath.Join(t.TempDir(), "temporal.db")
	srv, err := devserver.Start(ctx, devserver.Options{HostPort: addr, DBFile: db})
	require.NoError(t, err)
	chaosRestart(t, p, "e dev server restart", addr, func() {
		require.NoError(t, srv.Stop())
		srv, err = devserver.Start(ctx, devserver.Options{HostPort: addr, DBFile: db})
		require.NoError(t, err)
		t.Cleanup(func() { _ = srv.Stop() })
	})
}

// chaosRestart runs a two-tools run on the server at addr, calls restart
// while the model thinks, and checks the run finishes once.
func chaosRestart(t *testing.T, p protocol, scenario, addr string, restart func()) {
	e := newEnv(t, openaitest.Options{})
	e.proto = p
	tc, err := tclient.Dial(tclient.Options{HostPort: addr})
	require.NoError(t, err)
	t.Cleanup(tc.Close)
	e.tc = tc
	e.client = client.New(tc, client.Options{TaskQueue: e.taskQueue})
	e.startTestWorker("TEMPORAL_ADDRESS=" + addr)
	asst := p.assistant(e)

	run := e.startThinking(e.ctx(30*time.Second), asst, twoToolsMessage+"\nsleep: 2s")

	stopped := time.Now()
	restart()

	var res assistant.Result
	require.Eventually(t, func() bool {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		res, err = run.Result(ctx)
		return err == nil
	}, 90*time.Second, 100*time.Millisecond, "run never finished after the restart: %v", err)
	require.Equal(t, assistant.StatusCompleted, res.Status)
	st := e.emu.Stats()
	recordChaos(chaosRow{Scenario: scenario, Protocol: p.label(), Runs: st.RunsCreated, Completed: true,
		Duplicates: e.duplicates(1, 1), Recover: time.Since(stopped)})
	require.Equal(t, 1, st.RunsCreated)
	require.Equal(t, 1, st.ToolOutputSubmissions)
}
