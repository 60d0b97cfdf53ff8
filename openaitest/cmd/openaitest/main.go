// Command openaitest serves the Assistants v2 emulator over HTTP for demos
// and for tests that run outside the Go process.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/durable-assistants/durable-assistants/openaitest"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8089", "listen address")
	latency := flag.Duration("latency", 20*time.Millisecond, "model latency per run turn")
	pollAfter := flag.Int("poll-after-ms", 0, "send openai-poll-after-ms on run responses when > 0")
	apiKey := flag.String("api-key", "", "require this Bearer API key when set")
	ttl := flag.Duration("requires-action-ttl", 10*time.Minute, "time from run creation to expires_at")
	azureMode := flag.String("azure", "", `play Azure: "openai" (Azure OpenAI) or "foundry" (Foundry agents, project "proj")`)
	azureKey := flag.String("azure-api-key", "", "the api-key Azure OpenAI mode accepts")
	flag.Parse()

	opts := openaitest.Options{ModelLatency: *latency, PollAfterMs: *pollAfter, APIKey: *apiKey, RequiresActionTTL: *ttl}
	h, err := azure(&opts, *azureMode, *azureKey)
	if err != nil {
		log.Fatalf("openaitest: %v", err)
	}
	if err := serve(*addr, h); err != nil {
		log.Fatalf("openaitest: %v", err)
	}
}

// serve listens on addr and serves h until SIGINT or SIGTERM.
func serve(addr string, h http.Handler) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	fmt.Printf("openaitest listening on http://%s\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// azure sets the Azure mode and returns the handler: in Azure mode the
// emulator plus Entra ID tokens (an hour long) from an App Service-style
// managed identity endpoint at /msi/token, whose header secret is "openaitest".
func azure(opts *openaitest.Options, mode, key string) (http.Handler, error) {
	var m openaitest.AzureMode
	switch mode {
	case "":
		fmt.Println("OPENAI_BASE_URL=http://<addr>/v1")
		return openaitest.New(*opts), nil
	case "openai":
		m = openaitest.AzureOpenAI
		fmt.Println("AZURE_OPENAI_ENDPOINT=http://<addr>")
	case "foundry":
		m = openaitest.AzureFoundry
		fmt.Println("AZURE_AI_PROJECT_ENDPOINT=http://<addr>/api/projects/proj")
	default:
		return nil, fmt.Errorf("-azure=%q is not openai or foundry", mode)
	}
	tokens := openaitest.NewTokens(time.Hour)
	opts.Azure = &openaitest.AzureOptions{Mode: m, APIKey: key, Tokens: tokens}
	fmt.Println("Entra ID: AZURE_TOKEN_CREDENTIALS=ManagedIdentityCredential IDENTITY_ENDPOINT=http://<addr>/msi/token IDENTITY_HEADER=openaitest")
	mux := http.NewServeMux()
	mux.Handle("/msi/token", tokens.ManagedIdentityHandler("openaitest"))
	mux.Handle("/", openaitest.New(*opts))
	return mux, nil
}
