// Package config holds the environment configuration of the binaries, parsed
// with caarlos0/env: one struct per concern, defaults in tags, and a Validate
// step whose errors name the variable at fault.
package config

import (
	"crypto/tls"
	"fmt"
	"log/slog"

	"go.temporal.io/sdk/client"
	tlog "go.temporal.io/sdk/log"
)

// Temporal is how a binary reaches the Temporal service.
type Temporal struct {
	Address     string `env:"TEMPORAL_ADDRESS" envDefault:"localhost:7233"`
	Namespace   string `env:"TEMPORAL_NAMESPACE" envDefault:"default"`
	TaskQueue   string `env:"TEMPORAL_TASK_QUEUE" envDefault:"durable-assistants"`
	APIKey      string `env:"TEMPORAL_API_KEY"`
	TLS         bool   `env:"TEMPORAL_TLS"`
	TLSCertFile string `env:"TEMPORAL_TLS_CERT"`
	TLSKeyFile  string `env:"TEMPORAL_TLS_KEY"`
	UIURL       string `env:"TEMPORAL_UI_URL" envDefault:"http://localhost:8233"`
}

// Validate checks the values that have no sane fallback.
func (t Temporal) Validate() error {
	switch {
	case t.Address == "":
		return fmt.Errorf("TEMPORAL_ADDRESS is empty")
	case t.Namespace == "":
		return fmt.Errorf("TEMPORAL_NAMESPACE is empty")
	case t.TaskQueue == "":
		return fmt.Errorf("TEMPORAL_TASK_QUEUE is empty")
	case (t.TLSCertFile == "") != (t.TLSKeyFile == ""):
		return fmt.Errorf("TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY must be set together")
	}
	return nil
}

// Dial connects to Temporal, logging through logger; extra set further
// client options (metrics handler, interceptors).
func (t Temporal) Dial(logger *slog.Logger, extra ...func(*client.Options)) (client.Client, error) {
	opts := client.Options{
		HostPort:  t.Address,
		Namespace: t.Namespace,
		Logger:    tlog.NewStructuredLogger(logger),
	}
	if t.APIKey != "" {
		opts.Credentials = client.NewAPIKeyStaticCredentials(t.APIKey)
	}
	if t.TLS || t.TLSCertFile != "" || t.APIKey != "" {
		cfg := &tls.Config{MinVersion: tls.VersionTLS12}
		if t.TLSCertFile != "" {
			cert, err := tls.LoadX509KeyPair(t.TLSCertFile, t.TLSKeyFile)
			if err != nil {
				return nil, fmt.Errorf("TEMPORAL_TLS_CERT/TEMPORAL_TLS_KEY: %w", err)
			}
			cfg.Certificates = []tls.Certificate{cert}
		}
		opts.ConnectionOptions.TLS = cfg
	}
	for _, f := range extra {
		f(&opts)
	}
	c, err := client.Dial(opts)
	if err != nil {
		return nil, fmt.Errorf("connect to Temporal at TEMPORAL_ADDRESS=%s: %w", t.Address, err)
	}
	return c, nil
}
