// Command codec-server decrypts and encrypts payloads for the Temporal UI and
// CLI (their "codec endpoint"), with the same keys as the worker
// (PAYLOAD_CODEC_KEYS or PAYLOAD_CODEC_KEY_FILES).
//
//	PAYLOAD_CODEC_KEYS=k1:... CODEC_SERVER_TOKEN=... CODEC_SERVER_ALLOWED_ORIGINS=http://localhost:8233 codec-server
//	temporal server start-dev --ui-codec-endpoint http://127.0.0.1:8081
//	temporal workflow show -w run-... --codec-endpoint http://127.0.0.1:8081 --codec-auth "Bearer ..."
//	codec-server healthcheck   # exit 0 when it answers /healthz (the image has no curl)
//
// Whoever reaches it with the token reads every payload: keep it on loopback
// or a private network, with a token, behind TLS.
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/caarlos0/env/v11"

	"github.com/durable-assistants/durable-assistants/codec"
)

// Config is the codec server's environment.
type Config struct {
	Address   string   `env:"CODEC_SERVER_ADDRESS" envDefault:"127.0.0.1:8081"`
	Token     string   `env:"CODEC_SERVER_TOKEN"`
	TokenFile string   `env:"CODEC_SERVER_TOKEN_FILE"`
	Origins   []string `env:"CODEC_SERVER_ALLOWED_ORIGINS" envSeparator:","`
	MaxBytes  int64    `env:"CODEC_SERVER_MAX_REQUEST_BYTES" envDefault:"4194304"`
	TLSCert   string   `env:"CODEC_SERVER_TLS_CERT"`
	TLSKey    string   `env:"CODEC_SERVER_TLS_KEY"`
	Keys      string   `env:"PAYLOAD_CODEC_KEYS"`
	KeyFiles  string   `env:"PAYLOAD_CODEC_KEY_FILES"`
}

func main() {
	if len(os.Args) == 2 && os.Args[1] == "healthcheck" {
		os.Exit(healthcheck())
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if err := run(ctx, logger); err != nil {
		logger.Error("codec-server", "error", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, logger *slog.Logger) error {
	cfg, err := env.ParseAs[Config]()
	if err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	c, opts, err := cfg.build()
	if err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	if opts.Token == "" {
		logger.Warn("no CODEC_SERVER_TOKEN: anyone who reaches this loopback address can decrypt payloads")
	}
	ln, err := net.Listen("tcp", cfg.Address)
	if err != nil {
		return err
	}
	srv := newServer(logRequests(logger, newHandler(c, opts)))
	logger.Info("codec server listening", "Address", ln.Addr().String(), "EncryptKeyID", c.EncryptKeyID(),
		"Origins", opts.Origins, "TLS", cfg.TLSCert != "")
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	if cfg.TLSCert != "" {
		err = srv.ServeTLS(ln, cfg.TLSCert, cfg.TLSKey)
	} else {
		err = srv.Serve(ln)
	}
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// build checks the configuration: keys present, a token unless only this
// machine can connect, TLS files in pairs.
func (cfg Config) build() (*codec.Codec, handlerOptions, error) {
	opts := handlerOptions{Token: cfg.Token, Origins: cfg.Origins, MaxBytes: cfg.MaxBytes}
	c, err := codec.Load(cfg.Keys, cfg.KeyFiles)
	if err != nil {
		return nil, opts, err
	}
	if c == nil {
		return nil, opts, errors.New("set PAYLOAD_CODEC_KEYS or PAYLOAD_CODEC_KEY_FILES (the worker's keys)")
	}
	if cfg.TokenFile != "" {
		if cfg.Token != "" {
			return nil, opts, errors.New("set CODEC_SERVER_TOKEN or CODEC_SERVER_TOKEN_FILE, not both")
		}
		b, err := os.ReadFile(cfg.TokenFile)
		if err != nil {
			return nil, opts, fmt.Errorf("CODEC_SERVER_TOKEN_FILE: %w", err)
		}
		opts.Token = strings.TrimSpace(string(b))
	}
	switch {
	case opts.Token == "" && !loopback(cfg.Address):
		return nil, opts, fmt.Errorf("CODEC_SERVER_ADDRESS=%s is not a loopback address: set CODEC_SERVER_TOKEN", cfg.Address)
	case (cfg.TLSCert == "") != (cfg.TLSKey == ""):
		return nil, opts, errors.New("CODEC_SERVER_TLS_CERT and CODEC_SERVER_TLS_KEY must be set together")
	case cfg.MaxBytes <= 0:
		return nil, opts, errors.New("CODEC_SERVER_MAX_REQUEST_BYTES must be positive")
	}
	for _, o := range opts.Origins {
		if o == "*" || !strings.HasPrefix(o, "http://") && !strings.HasPrefix(o, "https://") {
			return nil, opts, fmt.Errorf("CODEC_SERVER_ALLOWED_ORIGINS: %q is not an origin like http://localhost:8233", o)
		}
	}
	return c, opts, nil
}

func loopback(hostPort string) bool {
	host, _, err := net.SplitHostPort(hostPort)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return host == "localhost" || ip != nil && ip.IsLoopback()
}

// newServer bounds every phase of a request: a slow or idle client cannot
// hold a connection open.
func newServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
	}
}

// logRequests logs method, path, status and size: never a body.
func logRequests(logger *slog.Logger, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		start := time.Now()
		h.ServeHTTP(rec, r)
		logger.Info("codec request", "Method", r.Method, "Path", r.URL.Path, "Status", rec.status,
			"RequestBytes", r.ContentLength, "Namespace", r.Header.Get("X-Namespace"), "Duration", time.Since(start))
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}
