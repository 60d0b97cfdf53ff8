package integration

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	tclient "go.temporal.io/sdk/client"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
	"github.com/durable-assistants/durable-assistants/internal/devserver"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// TestRunIsFoundInTheUI opens the Temporal UI in headless Chromium: the page
// of a finished run and the list filtered by its run ID search attribute
// show the IDs, the status and the summary. Screenshots are kept in
// test-artifacts/ui/.
func TestRunIsFoundInTheUI(t *testing.T) {
	b := findBrowser(t)
	uiHostPort, err := devserver.FreeHostPort()
	require.NoError(t, err)
	_, uiPort, _ := strings.Cut(uiHostPort, "127.0.0.1:")
	srv, err := devserver.Start(t.Context(), devserver.Options{UIPort: uiPort})
	require.NoError(t, err)
	t.Cleanup(func() { _ = srv.Stop() })
	uiURL := "http://127.0.0.1:" + uiPort

	e := newEnv(t, openaitest.Options{})
	tc, err := tclient.Dial(tclient.Options{HostPort: srv.FrontendHostPort()})
	require.NoError(t, err)
	t.Cleanup(tc.Close)
	e.tc, e.client = tc, client.New(tc, client.Options{TaskQueue: e.taskQueue, UIURL: uiURL})
	e.startWorker("TEMPORAL_ADDRESS=" + srv.FrontendHostPort())
	asst := e.createAssistant()

	run, err := e.client.StartRun(e.ctx(time.Minute), assistant.RunRequest{AssistantID: asst,
		Message: `call: calculate {"expression":"17 * 23"}`})
	require.NoError(t, err)
	res, err := run.Result(e.ctx(time.Minute))
	require.NoError(t, err)
	require.Equal(t, assistant.StatusCompleted, res.Status)

	// The workflow page: ID, status, summary, and the thread and run IDs in
	// the search attributes and current details.
	page := run.UIURL()
	html := b.dom(page, run.WorkflowID, "Completed")
	for _, want := range []string{run.WorkflowID, "Completed", "run of " + asst + " on a new thread"} {
		require.Contains(t, html, want, "workflow page %s", page)
	}
	shot := b.screenshot(page, "run.png")

	// The list filtered by a search attribute: exactly this run.
	query := fmt.Sprintf("DaRunId = %q", res.APIRunID)
	list := fmt.Sprintf("%s/namespaces/default/workflows?query=%s", uiURL, url.QueryEscape(query))
	html = b.dom(list, run.WorkflowID)
	for _, want := range []string{run.WorkflowID, "Completed", "Run"} {
		require.Contains(t, html, want, "filtered list %s", list)
	}
	b.screenshot(list, "list-by-run-id.png")
	t.Logf("screenshots in %s", filepath.Dir(shot))
}
