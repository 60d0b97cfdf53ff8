package main

import (
	"net"
	"net/http"
	"os"
	"time"

	"github.com/durable-assistants/durable-assistants/openaitest"
)

// modelEnv returns the worker's model settings: the caller's key when set,
// else the emulator, served here until stop is called.
func modelEnv() (env []string, prompt string, stop func(), err error) {
	env = os.Environ()
	if os.Getenv("OPENAI_API_KEY") != "" || os.Getenv("AZURE_OPENAI_ENDPOINT") != "" || os.Getenv("AZURE_AI_PROJECT_ENDPOINT") != "" {
		say("using the model API from OPENAI_API_KEY / AZURE_OPENAI_ENDPOINT / AZURE_AI_PROJECT_ENDPOINT")
		return env, modelPrompt, func() {}, nil
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", nil, err
	}
	srv := &http.Server{
		Handler:           openaitest.New(openaitest.Options{ModelLatency: 300 * time.Millisecond}),
		ReadHeaderTimeout: 10 * time.Second,
	}
	go func() { _ = srv.Serve(l) }()
	url := "http://" + l.Addr().String() + "/v1"
	say("no OPENAI_API_KEY: using the openaitest emulator of the model API at %s", url)
	return append(env, "OPENAI_API_KEY=demo", "OPENAI_BASE_URL="+url), emulatorPrompt, func() { _ = srv.Close() }, nil
}
