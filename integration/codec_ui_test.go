package integration

import (
	"crypto/rand"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	tclient "go.temporal.io/sdk/client"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
	"github.com/durable-assistants/durable-assistants/codec"
	"github.com/durable-assistants/durable-assistants/internal/devserver"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// The Temporal UI in headless Chromium, on a run made with the codec on.
// The UI is configured with a codec endpoint (--ui-codec-endpoint) where no
// codec server listens yet: the run page shows the run but no plaintext.
// Once cmd/codec-server listens there (keys of the worker, CORS for the
// UI's origin), the same page shows the decrypted input and result.
func TestUIDecryptsThroughTheCodecServer(t *testing.T) {
	b := findBrowser(t)
	require.NoError(t, buildBinaries(t.Context(), binDir, "cmd/codec-server"))
	uiHostPort, err := devserver.FreeHostPort()
	require.NoError(t, err)
	codecHostPort, err := devserver.FreeHostPort()
	require.NoError(t, err)
	_, uiPort, _ := net.SplitHostPort(uiHostPort)
	uiURL := "http://" + uiHostPort
	srv, err := devserver.Start(t.Context(), devserver.Options{UIPort: uiPort,
		ExtraArgs: []string{"--ui-codec-endpoint", "http://" + codecHostPort}})
	require.NoError(t, err)
	t.Cleanup(func() { _ = srv.Stop() })

	keys := newKeySpec(t, "ui-k1")
	c, err := codec.Load(keys, "")
	require.NoError(t, err)
	e := newEnv(t, openaitest.Options{})
	tc, err := tclient.Dial(tclient.Options{HostPort: srv.FrontendHostPort(),
		DataConverter: codec.DataConverter(c), FailureConverter: codec.FailureConverter(c)})
	require.NoError(t, err)
	t.Cleanup(tc.Close)
	e.tc, e.client = tc, client.New(tc, client.Options{TaskQueue: e.taskQueue, UIURL: uiURL,
		DataConverter: codec.DataConverter(c)})
	e.startWorker("TEMPORAL_ADDRESS="+srv.FrontendHostPort(), codec.EnvKeys+"="+keys)
	asst := e.createAssistant()

	secret := "uicanary" + randomLetters(t)
	run, err := e.client.StartRun(e.ctx(time.Minute), assistant.RunRequest{AssistantID: asst,
		Message: secret + "\n" + `call: calculate {"expression":"1234567 * 89"}`})
	require.NoError(t, err)
	res, err := run.Result(e.ctx(time.Minute))
	require.NoError(t, err)
	require.Equal(t, assistant.StatusCompleted, res.Status)

	page := run.UIURL()
	html := pageText(b.dom(page, run.WorkflowID, "Completed"))
	require.Contains(t, html, run.WorkflowID, "the run page rendered")
	require.Contains(t, html, "Input", "the run page rendered its input card")
	require.NotContains(t, html, secret, "plaintext input without the codec server")
	require.NotContains(t, html, "109876463", "plaintext result without the codec server")
	b.screenshot(page, "run-encrypted.png")

	cs := startProc(t, filepath.Join(binDir, "codec-server"), []string{
		"CODEC_SERVER_ADDRESS=" + codecHostPort, codec.EnvKeys + "=" + keys,
		"CODEC_SERVER_ALLOWED_ORIGINS=" + uiURL,
	})
	t.Cleanup(func() { cs.stop(syscall.SIGTERM) })
	require.Eventually(t, func() bool {
		resp, err := http.Post("http://"+codecHostPort+"/decode", "application/json", strings.NewReader(`{"payloads":[]}`))
		if err == nil {
			resp.Body.Close()
		}
		return err == nil && resp.StatusCode == http.StatusOK
	}, 20*time.Second, 100*time.Millisecond, "codec server up: %s", cs.out.String())

	html = pageText(b.dom(page, secret, "109876463"))
	require.Contains(t, html, secret, "decrypted input through the codec server")
	require.Contains(t, html, "109876463", "decrypted result through the codec server")
	shot := b.screenshot(page, "run-decrypted.png")
	require.Contains(t, cs.out.String(), "Path=/decode", "the UI called the codec server")
	t.Logf("screenshots in %s", filepath.Dir(shot))
}

// pageText is the DOM without its tags: the UI highlights JSON in spans.
func pageText(html string) string {
	return tagPattern.ReplaceAllString(html, "")
}

var tagPattern = regexp.MustCompile(`<[^>]*>`)

func randomLetters(t *testing.T) string {
	b := make([]byte, 10)
	_, err := rand.Read(b)
	require.NoError(t, err)
	for i := range b {
		b[i] = 'a' + b[i]%26
	}
	return string(b)
}
