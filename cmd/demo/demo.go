package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/durable-assistants/durable-assistants/internal/config"
	"github.com/durable-assistants/durable-assistants/internal/devserver"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

const (
	temporalAddr = "127.0.0.1:7233"
	uiPort       = "8233"
	// emulatorPrompt asks the scripted model for two parallel tool calls.
	emulatorPrompt = "What time is it in Tokyo, and what is 17 * 23?\n" +
		`call: current_time {"timezone":"Asia/Tokyo"}` + "\n" +
		`call: calculate {"expression":"17 * 23"}`
	modelPrompt = "What time is it in Tokyo right now, and what is 17 * 23? Use your tools for both, in parallel."
)

func run(ctx context.Context, exitAfter bool) error {
	root, err := devserver.RepoRoot()
	if err != nil {
		return err
	}
	if err := startTemporal(ctx, root); err != nil {
		return err
	}
	env, prompt, err := modelEnv()
	if err != nil {
		return err
	}
	bin := filepath.Join(root, "bin")
	say("building worker and starter into %s", bin)
	if err := goBuild(ctx, root, bin, "worker", "starter"); err != nil {
		return err
	}
	env = append(env, "TEMPORAL_ADDRESS="+temporalAddr, "TEMPORAL_UI_URL=http://localhost:"+uiPort)
	worker := exec.Command(filepath.Join(bin, "worker"))
	worker.Env, worker.Stdout, worker.Stderr = env, os.Stderr, os.Stderr
	if err := worker.Start(); err != nil {
		return fmt.Errorf("start worker: %w", err)
	}
	defer func() { _ = worker.Process.Signal(syscall.SIGTERM); _ = worker.Wait() }()

	asst, err := demoAssistant(ctx, bin, env)
	if err != nil {
		return err
	}
	starter := exec.CommandContext(ctx, filepath.Join(bin, "starter"), "run", "--assistant", asst, "--message", prompt)
	starter.Env, starter.Stdout, starter.Stderr = env, os.Stdout, os.Stderr
	runErr := starter.Run()
	if exitAfter || ctx.Err() != nil {
		return runErr
	}
	say("the Temporal UI is at http://localhost:%s — press Ctrl-C to stop", uiPort)
	<-ctx.Done()
	return runErr
}

// startTemporal starts the dev server with its state in .data/, unless one
// already listens on the port (a second demo run reuses it).
func startTemporal(ctx context.Context, root string) error {
	if conn, err := net.DialTimeout("tcp", temporalAddr, time.Second); err == nil {
		conn.Close()
		say("using the Temporal server already on %s", temporalAddr)
		return nil
	}
	if err := os.MkdirAll(filepath.Join(root, ".data"), 0o755); err != nil {
		return err
	}
	say("starting the Temporal dev server on %s (UI :%s)", temporalAddr, uiPort)
	_, err := devserver.Start(ctx, devserver.Options{
		HostPort: temporalAddr, UIPort: uiPort, DBFile: filepath.Join(root, ".data", "temporal.db"),
	})
	return err // the server stops with this process
}

// modelEnv returns the worker's model settings: the caller's key when set,
// else the emulator, started here.
func modelEnv() ([]string, string, error) {
	env := os.Environ()
	if os.Getenv("OPENAI_API_KEY") != "" || os.Getenv("AZURE_OPENAI_ENDPOINT") != "" || os.Getenv("AZURE_AI_PROJECT_ENDPOINT") != "" {
		say("using the model API from OPENAI_API_KEY / AZURE_OPENAI_ENDPOINT / AZURE_AI_PROJECT_ENDPOINT")
		return env, modelPrompt, nil
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", err
	}
	go func() { _ = http.Serve(l, openaitest.New(openaitest.Options{ModelLatency: 300 * time.Millisecond})) }()
	url := "http://" + l.Addr().String() + "/v1"
	say("no OPENAI_API_KEY: using the openaitest emulator at %s", url)
	return append(env, "OPENAI_API_KEY=demo", "OPENAI_BASE_URL="+url), emulatorPrompt, nil
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
	asst, err := createAssistant(ctx, bin, env)
	if err == nil {
		say("assistant %s created; starting a run", asst)
	}
	return asst, err
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

func createAssistant(ctx context.Context, bin string, env []string) (string, error) {
	model := os.Getenv("DEMO_MODEL")
	if model == "" {
		model = "gpt-4o-mini"
	}
	cmd := exec.CommandContext(ctx, filepath.Join(bin, "starter"), "assistant", "create",
		"--name", "durable-assistants demo", "--model", model, "--instructions", "Answer briefly. Use the tools.")
	cmd.Env, cmd.Stderr = env, os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("starter assistant create: %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}

func goBuild(ctx context.Context, root, bin string, pkgs ...string) error {
	for _, p := range pkgs {
		cmd := exec.CommandContext(ctx, "go", "build", "-o", filepath.Join(bin, p), "./"+p)
		cmd.Dir, cmd.Stdout, cmd.Stderr = root, os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go build ./%s: %w", p, err)
		}
	}
	return nil
}

func say(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "demo: "+format+"\n", args...)
}
