package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/durable-assistants/durable-assistants/internal/config"
	"github.com/durable-assistants/durable-assistants/internal/devserver"
)

const (
	// emulatorPrompt asks the scripted model for two parallel tool calls.
	emulatorPrompt = "What time is it in Tokyo, and what is 17 * 23?\n" +
		`call: current_time {"timezone":"Asia/Tokyo"}` + "\n" +
		`call: calculate {"expression":"17 * 23"}`
	modelPrompt = "What time is it in Tokyo right now, and what is 17 * 23? Use your tools for both, in parallel."
	// workerGrace is how long the worker gets to finish on SIGTERM (its own
	// stop timeout is 10 s).
	workerGrace = 15 * time.Second
)

type options struct {
	exit         bool
	temporalAddr string
	uiPort       string
	dataDir      string
}

// run starts everything, runs the demo and stops, in reverse order, what it
// started: deferred, so an interrupt (ctx done) or an error stops it too.
func run(ctx context.Context, o options) error {
	root, err := devserver.RepoRoot()
	if err != nil {
		return err
	}
	if o.dataDir == "" {
		o.dataDir = filepath.Join(root, ".data")
	}
	if err := os.MkdirAll(o.dataDir, 0o755); err != nil {
		return err
	}
	stopTemporal, err := startTemporal(ctx, o)
	if err != nil {
		return err
	}
	defer stopTemporal()
	env, prompt, stopModel, err := modelEnv()
	if err != nil {
		return err
	}
	defer stopModel()
	bin := filepath.Join(root, "bin")
	say("building worker and starter into %s", bin)
	if err := goBuild(ctx, root, bin, "worker", "starter"); err != nil {
		return err
	}
	uiURL := "http://localhost:" + o.uiPort
	env = append(env, "TEMPORAL_ADDRESS="+o.temporalAddr, "TEMPORAL_UI_URL="+uiURL)
	worker, err := startWorker(bin, env, filepath.Join(o.dataDir, "worker.log"))
	if err != nil {
		return err
	}
	defer func() {
		say("stopping the worker (pid %d)", worker.Cmd.Process.Pid)
		worker.Stop(syscall.SIGTERM, workerGrace)
	}()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	go func() { // a worker that dies (bad configuration) ends the demo
		<-worker.Exited()
		cancel(fmt.Errorf("the worker stopped (%s); see its log", worker.Cmd.ProcessState))
	}()

	res, err := demoRun(ctx, bin, env, prompt)
	if err != nil {
		if cause := context.Cause(ctx); cause != nil && !errors.Is(cause, context.Canceled) {
			return cause
		}
		return err
	}
	printResult(os.Stdout, res)
	if o.exit || ctx.Err() != nil {
		return res.err()
	}
	say("the Temporal UI is at %s — press Ctrl-C to stop", uiURL)
	<-ctx.Done()
	return res.err()
}

// demoRun creates the assistant when the protocol has them and runs the
// prompt with `starter run --json`.
func demoRun(ctx context.Context, bin string, env []string, prompt string) (result, error) {
	asst, err := demoAssistant(ctx, bin, env)
	if err != nil {
		return result{}, err
	}
	say("running the prompt on %s; waiting for the answer", asst)
	out, err := starter(ctx, bin, env, "run", "--json", "--assistant", asst, "--message", prompt)
	if len(out) == 0 && err != nil {
		return result{}, fmt.Errorf("starter run: %w", err)
	}
	return parseResult(out) // a run that did not complete still prints its JSON
}

// startWorker starts bin/worker with its log in logPath, printed for the
// reader: the terminal keeps the demo's own output.
func startWorker(bin string, env []string, logPath string) (*devserver.Child, error) {
	log, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	defer log.Close() // the worker holds its own descriptor
	cmd := exec.Command(filepath.Join(bin, "worker"))
	cmd.Env, cmd.Stdout, cmd.Stderr = env, log, log
	w, err := devserver.StartChild(cmd)
	if err != nil {
		return nil, fmt.Errorf("start worker: %w", err)
	}
	say("worker started (pid %d); its log: %s", cmd.Process.Pid, logPath)
	return w, nil
}

// demoAssistant names the assistant of the run: on the responses protocol
// (OpenAI's endpoint by default) the built-in "default" profile, since that
// API has no assistant objects; otherwise a freshly created assistant.
func demoAssistant(ctx context.Context, bin string, env []string) (string, error) {
	protocol := os.Getenv("OPENAI_PROTOCOL")
	if protocol == "" {
		protocol = config.DefaultProtocol(lookup(env, "OPENAI_BASE_URL"), lookup(env, "AZURE_OPENAI_ENDPOINT")+lookup(env, "AZURE_AI_PROJECT_ENDPOINT"))
	}
	if protocol == config.ProtocolResponses {
		say("responses protocol: using the %q assistant profile (model from OPENAI_MODEL)", config.DefaultProfile)
		return config.DefaultProfile, nil
	}
	model := os.Getenv("DEMO_MODEL")
	if model == "" {
		model = "gpt-4o-mini"
	}
	out, err := starter(ctx, bin, env, "assistant", "create",
		"--name", "durable-assistants demo", "--model", model, "--instructions", "Answer briefly. Use the tools.")
	if err != nil {
		return "", fmt.Errorf("starter assistant create: %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}

// starter runs bin/starter as a child and returns its standard output.
func starter(ctx context.Context, bin string, env []string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, filepath.Join(bin, "starter"), args...)
	var out strings.Builder
	cmd.Env, cmd.Stdout, cmd.Stderr = env, &out, os.Stderr
	err := runChild(cmd)
	return []byte(out.String()), err
}

// runChild runs cmd as a devserver.Child and waits for it.
func runChild(cmd *exec.Cmd) error {
	c, err := devserver.StartChild(cmd)
	if err != nil {
		return err
	}
	<-c.Exited()
	if !cmd.ProcessState.Success() {
		return errors.New(cmd.ProcessState.String())
	}
	return nil
}

// lookup returns the last value of name in env, "" when absent.
func lookup(env []string, name string) string {
	v := ""
	for _, kv := range env {
		if k, val, ok := strings.Cut(kv, "="); ok && k == name {
			v = val
		}
	}
	return v
}

func goBuild(ctx context.Context, root, bin string, pkgs ...string) error {
	for _, p := range pkgs {
		cmd := exec.CommandContext(ctx, "go", "build", "-o", filepath.Join(bin, p), "./"+p)
		cmd.Dir, cmd.Stdout, cmd.Stderr = root, os.Stderr, os.Stderr
		if err := runChild(cmd); err != nil {
			return fmt.Errorf("go build ./%s: %w", p, err)
		}
	}
	return nil
}

func say(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "demo: "+format+"\n", args...)
}
