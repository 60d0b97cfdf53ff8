package integration

import (
	"strings"
	"testing"

	"github.com/durable-assistants/durable-assistants/openaitest"
)

// protocol describes one wire protocol for the tests that run over both:
// how to start a worker on it, which assistant to name, and where its
// creates, submits and polls land on the emulator.
type protocol struct {
	name      string
	workerEnv []string
	// createCommit / submitCommit are the emulator's OnCommit op and the
	// occurrence of it that creates the run / accepts the tool outputs.
	createCommit, submitCommit commitPoint
	createRoute, pollRoute     string // "METHOD /route" of run creation and polling
	submitRoute                string
	// adoptRoute is where a retry that lost its run looks for it by key.
	adoptRoute string
	// azure is the Azure service the emulator plays and the worker signs in
	// to (onAzure); nil: an OpenAI-compatible server with a bearer key.
	azure *azureProvider
}

// onAzure is p spoken to Azure provider a: same routes and commit points
// (the emulator's Azure front door maps Azure's paths onto them).
func (p protocol) onAzure(a azureProvider) protocol {
	p.azure = &a
	return p
}

// label names p in test names and the chaos table: the protocol, and in
// Azure mode the provider ("responses/azure-openai-entra").
func (p protocol) label() string {
	if p.azure == nil {
		return p.name
	}
	return p.name + "/" + p.azure.name
}

type commitPoint struct {
	op string
	n  int // 1 = first occurrence
}

var protocols = []protocol{
	{
		name:         "assistants",
		workerEnv:    []string{"OPENAI_PROTOCOL=assistants"},
		createCommit: commitPoint{"run.create", 1},
		submitCommit: commitPoint{"run.submit_tool_outputs", 1},
		createRoute:  "POST /v1/threads/{thread_id}/runs",
		pollRoute:    "GET /v1/threads/{thread_id}/runs/{run_id}",
		submitRoute:  "POST /v1/threads/{thread_id}/runs/{run_id}/submit_tool_outputs",
		adoptRoute:   "GET /v1/threads/{thread_id}/runs",
	},
	{
		name: "responses",
		workerEnv: []string{"OPENAI_PROTOCOL=responses",
			`ASSISTANT_PROFILES={"brief":{"model":"gpt-4o","instructions":"Be brief."}}`},
		createCommit: commitPoint{"response.create", 1},
		submitCommit: commitPoint{"response.create", 2},
		createRoute:  "POST /v1/responses",
		pollRoute:    "GET /v1/responses/{response_id}",
		submitRoute:  "POST /v1/responses",
		adoptRoute:   "GET /v1/conversations/{conversation_id}/items",
	},
}

// protocolEnv is a test env whose test worker (a separate process) speaks
// protocol p, to Azure when p is onAzure.
func protocolEnv(t *testing.T, p protocol, opts openaitest.Options) (*env, *proc) {
	var e *env
	if p.azure != nil {
		e, _ = azureProtocolEnv(t, p, opts)
	} else {
		e = newEnv(t, opts)
		e.proto = p
	}
	return e, e.startTestWorker()
}

// assistant returns the assistant to run: a created assistant on the
// assistants protocol, a configured profile on the responses protocol.
func (p protocol) assistant(e *env) string {
	if p.name == "responses" {
		return "brief"
	}
	return e.createAssistant()
}

// fault builds an emulator fault on one of the protocol's routes.
func fault(route string, f openaitest.Fault) openaitest.Fault {
	f.Method, f.Route, _ = strings.Cut(route, " ")
	return f
}
