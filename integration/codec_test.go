package integration

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	tclient "go.temporal.io/sdk/client"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/client"
	"github.com/durable-assistants/durable-assistants/codec"
	"github.com/durable-assistants/durable-assistants/internal/devserver"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// newKeySpec is a PAYLOAD_CODEC_KEYS value with one fresh key.
func newKeySpec(t *testing.T, id string) string {
	secret := make([]byte, 32)
	_, err := rand.Read(secret)
	require.NoError(t, err)
	return id + ":" + base64.StdEncoding.EncodeToString(secret)
}

// useCodec makes the test's Temporal client and client.Client encrypt with
// the keys, as the worker started with the returned variable does.
func (e *env) useCodec(keys string) string {
	e.t.Helper()
	c, err := codec.Load(keys, "")
	require.NoError(e.t, err)
	tc, err := tclient.Dial(tclient.Options{HostPort: temporalAddr,
		DataConverter: codec.DataConverter(c), FailureConverter: codec.FailureConverter(c)})
	require.NoError(e.t, err)
	e.t.Cleanup(tc.Close)
	e.tc = tc
	e.client = client.New(tc, client.Options{TaskQueue: e.taskQueue, DataConverter: codec.DataConverter(c)})
	return codec.EnvKeys + "=" + keys
}

// historyText is everything a reader of the workflow's history sees: the
// history as protojson, plus every base64 value in it decoded (payload data
// is base64 in JSON, so plaintext would hide there otherwise).
func historyText(t *testing.T, e *env, run *client.Run) string {
	t.Helper()
	ctx := e.ctx(30 * time.Second)
	it := e.tc.GetWorkflowHistory(ctx, run.WorkflowID, run.WorkflowRunID, false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	var h historypb.History
	for it.HasNext() {
		ev, err := it.Next()
		require.NoError(t, err)
		h.Events = append(h.Events, ev)
	}
	raw, err := protojson.Marshal(&h)
	require.NoError(t, err)
	return withBase64Decoded(t, raw)
}

// withBase64Decoded is the JSON document followed by every base64 string
// value in it, decoded.
func withBase64Decoded(t *testing.T, raw []byte) string {
	var doc any
	require.NoError(t, json.Unmarshal(raw, &doc), "%.500s", raw)
	var b strings.Builder
	b.Write(raw)
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		case string:
			if d, err := base64.StdEncoding.DecodeString(v); err == nil {
				b.WriteByte('\n')
				b.Write(d)
			}
		}
	}
	walk(doc)
	return b.String()
}

// With the codec on, the user's message, the reply, the tool outputs and
// the text streamed so far are nowhere in history, in plain or base64 form;
// the model API key is in neither history nor the worker's debug log, in a
// completed, a streamed and a failed run. The client still reads it all:
// the Result, and the live text from the encrypted heartbeat details.
func TestCodecKeepsPlaintextOutOfHistory(t *testing.T) {
	apiKey := "sk-codec-test-" + randomHex(t)
	e := newEnv(t, openaitest.Options{APIKey: apiKey, StreamDeltaDelay: 100 * time.Millisecond})
	keys := newKeySpec(t, "it-k1")
	codecVar := e.useCodec(keys)
	w := e.startWorker(codecVar, "OPENAI_API_KEY="+apiKey, "LOG_LEVEL=debug")
	asst := e.createAssistant()
	ctx := e.ctx(2 * time.Minute)

	secret := "canary-message-" + randomHex(t)
	toolRun, err := e.client.StartRun(ctx, assistant.RunRequest{AssistantID: asst,
		Message: secret + "\n" + `call: calculate {"expression":"1234567 * 89"}`})
	require.NoError(t, err)
	res, err := toolRun.Result(ctx)
	require.NoError(t, err)
	require.Equal(t, assistant.StatusCompleted, res.Status)
	require.Contains(t, res.ToolCalls[0].Output, "109876463", "the client decrypts the result")

	// 80 words at 100 ms: 8 s of streaming, so that the client's reads of the
	// state (queries) find the run mid-stream on a loaded machine too (25 words,
	// 2.5 s, were all streamed before a read came back at load 20).
	streamed := strings.Repeat("canary-stream-"+randomHex(t)+" ", 80)
	streamRun, err := e.client.StartRun(ctx, assistant.RunRequest{AssistantID: asst, Message: streamed,
		Mode: assistant.ModeStream})
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		st, err := streamRun.State(ctx)
		return err == nil && st.Phase == assistant.PhaseStreaming && strings.Contains(st.Text, "canary-stream-")
	}, 30*time.Second, 50*time.Millisecond, "the client never read the live text from the encrypted heartbeat details")
	sres, err := streamRun.Result(ctx)
	require.NoError(t, err)
	require.Contains(t, sres.Reply, "canary-stream-")

	failSecret := "canary-failure-" + randomHex(t)
	failRun, err := e.client.StartRun(ctx, assistant.RunRequest{AssistantID: asst,
		Message: "fail: server_error " + failSecret})
	require.NoError(t, err)
	fres, err := failRun.Result(ctx)
	require.NoError(t, err)
	require.Equal(t, assistant.StatusFailed, fres.Status)
	require.Contains(t, fres.Error.Message, failSecret)

	for name, run := range map[string]*client.Run{"tools": toolRun, "stream": streamRun, "failed": failRun} {
		h := historyText(t, e, run)
		require.Contains(t, h, codec.Encoding, "%s: payloads are encrypted", name)
		for _, plain := range []string{secret, "109876463", "canary-stream-", failSecret, "Echo:", apiKey} {
			require.Zero(t, strings.Count(h, plain), "%s: %q in history", name, plain)
		}
	}
	require.Zero(t, strings.Count(w.out.String(), apiKey), "API key in the worker's log")
	require.Contains(t, w.out.String(), "level=DEBUG", "the log checked is the debug log")

	showThroughCodecServer(t, toolRun, keys, secret)
}

// showThroughCodecServer reads the run with the Temporal CLI through
// cmd/codec-server with a bearer token: with the token it prints the
// decrypted message, without it the server refuses and no plaintext shows.
func showThroughCodecServer(t *testing.T, run *client.Run, keys, secret string) {
	require.NoError(t, buildBinaries(t.Context(), binDir, "cmd/codec-server"))
	addr, err := devserver.FreeHostPort()
	require.NoError(t, err)
	token := "tok-" + randomHex(t)
	cs := startProc(t, filepath.Join(binDir, "codec-server"), []string{"CODEC_SERVER_ADDRESS=" + addr,
		codec.EnvKeys + "=" + keys, "CODEC_SERVER_TOKEN=" + token})
	t.Cleanup(func() { cs.stop(syscall.SIGTERM) })
	cli, err := devserver.EnsureCLI(t.Context())
	require.NoError(t, err)
	show := func(auth ...string) string { // the history as JSON, its payloads' data decoded
		args := append([]string{"workflow", "show", "-w", run.WorkflowID, "--address", temporalAddr,
			"--codec-endpoint", "http://" + addr, "-o", "json"}, auth...)
		out, err := exec.Command(cli, args...).Output()
		if err != nil {
			return string(out)
		}
		return withBase64Decoded(t, out)
	}
	var out string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		if out = show("--codec-auth", "Bearer "+token); strings.Contains(out, secret) {
			break
		}
	}
	require.Contains(t, out, secret, "the CLI decrypts through the codec server; its log:\n%s", cs.out.String())
	require.NotContains(t, show(), secret, "no token, no plaintext")
	require.Contains(t, cs.out.String(), "Status=401")
}

// A run the API rejects (a wrong key) fails its workflow; with the codec
// off and on, the key reaches neither history nor the worker's debug log.
// With the codec off the scan finds the plaintext message, so a zero count
// means something; with it on the message, and the failure's text, are not
// there either, and the client still reads the failure.
func TestAPIKeyStaysOutOfHistoryAndLogsOfAFailedRun(t *testing.T) {
	for _, withCodec := range []bool{false, true} {
		t.Run(map[bool]string{false: "codec off", true: "codec on"}[withCodec], func(t *testing.T) {
			wrongKey := "sk-wrong-" + randomHex(t)
			e := newEnv(t, openaitest.Options{APIKey: "sk-right-" + randomHex(t)})
			vars := []string{"OPENAI_API_KEY=" + wrongKey, "LOG_LEVEL=debug"}
			if withCodec {
				vars = append(vars, e.useCodec(newKeySpec(t, "fail-k1")))
			}
			w := e.startWorker(vars...)
			ctx := e.ctx(time.Minute)
			secret := "canary-plain-" + randomHex(t)
			run, err := e.client.StartRun(ctx, assistant.RunRequest{AssistantID: "asst_x", Message: secret})
			require.NoError(t, err)
			_, err = run.Result(ctx)
			require.ErrorContains(t, err, "ModelAPIUnauthorized", "the workflow failed, and the client reads why")
			desc, err := e.tc.DescribeWorkflowExecution(ctx, run.WorkflowID, run.WorkflowRunID)
			require.NoError(t, err)
			require.Equal(t, enumspb.WORKFLOW_EXECUTION_STATUS_FAILED, desc.WorkflowExecutionInfo.Status)

			h := historyText(t, e, run)
			if withCodec {
				require.Contains(t, h, codec.Encoding, "payloads are encrypted")
				require.Zero(t, strings.Count(h, secret), "the message in history")
				require.Zero(t, strings.Count(h, "Incorrect API key provided"), "the failure's message in history")
			} else {
				require.Positive(t, strings.Count(h, secret), "without the codec the message is readable: the scan works")
				require.Positive(t, strings.Count(h, "Incorrect API key provided"), "the failure's message is readable")
			}
			require.Zero(t, strings.Count(h, wrongKey), "API key in history")
			require.Zero(t, strings.Count(w.out.String(), wrongKey), "API key in the worker's log")
			require.Contains(t, w.out.String(), "level=DEBUG", "the log checked is the debug log")
		})
	}
}

func randomHex(t *testing.T) string {
	b := make([]byte, 6)
	_, err := rand.Read(b)
	require.NoError(t, err)
	return strings.ToLower(base64.RawURLEncoding.EncodeToString(b))
}
