// Package config holds the environment configuration of the binaries, parsed
// with caarlos0/env: one struct per concern, defaults in tags, and a Validate
// step whose errors name the variable at fault.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"strings"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"
	tlog "go.temporal.io/sdk/log"

	"github.com/durable-assistants/durable-assistants/codec"
)

// Temporal is how a binary reaches the Temporal service, and the payload
// codec it reads and writes payloads with (worker, starter and client must
// agree on it).
type Temporal struct {
	Address    string `env:"TEMPORAL_ADDRESS" envDefault:"localhost:7233"`
	Namespace  string `env:"TEMPORAL_NAMESPACE" envDefault:"default"`
	TaskQueue  string `env:"TEMPORAL_TASK_QUEUE" envDefault:"durable-assistants"`
	APIKey     string `env:"TEMPORAL_API_KEY"`
	APIKeyFile string `env:"TEMPORAL_API_KEY_FILE"`
	TLSConfig
	UIURL string `env:"TEMPORAL_UI_URL" envDefault:"http://localhost:8233"`
	// PayloadCodecKeys / PayloadCodecKeyFiles turn payload encryption on
	// (package codec); both empty: payloads are stored in plaintext.
	PayloadCodecKeys     string `env:"PAYLOAD_CODEC_KEYS"`
	PayloadCodecKeyFiles string `env:"PAYLOAD_CODEC_KEY_FILES"`
}

// Validate checks the values that have no sane fallback, and that the
// files named exist and parse.
func (t Temporal) Validate() error {
	switch {
	case t.Address == "":
		return fmt.Errorf("TEMPORAL_ADDRESS is empty")
	case t.Namespace == "":
		return fmt.Errorf("TEMPORAL_NAMESPACE is empty")
	case t.TaskQueue == "":
		return fmt.Errorf("TEMPORAL_TASK_QUEUE is empty")
	case t.APIKey != "" && t.APIKeyFile != "":
		return fmt.Errorf("set TEMPORAL_API_KEY or TEMPORAL_API_KEY_FILE, not both")
	}
	if _, err := t.apiKey(); err != nil {
		return err
	}
	if _, err := t.TLSConfig.build(); err != nil {
		return err
	}
	_, err := t.Codec()
	return err
}

// DataConverter is the converter the client is dialled with: the SDK's,
// with the payload codec when one is configured.
func (t Temporal) DataConverter() (converter.DataConverter, error) {
	c, err := t.Codec()
	if c == nil {
		return converter.GetDefaultDataConverter(), err
	}
	return codec.DataConverter(c), err
}

// Codec is the payload codec configured, nil when encryption is off.
func (t Temporal) Codec() (*codec.Codec, error) {
	c, err := codec.Load(t.PayloadCodecKeys, t.PayloadCodecKeyFiles)
	if c == nil {
		return nil, err // a typed nil would read as "codec on"
	}
	return c, err
}

func (t Temporal) apiKey() (string, error) {
	if t.APIKeyFile == "" {
		return t.APIKey, nil
	}
	b, err := os.ReadFile(t.APIKeyFile)
	if err != nil {
		return "", fmt.Errorf("TEMPORAL_API_KEY_FILE: %w", err)
	}
	key := strings.TrimSpace(string(b))
	if key == "" {
		return "", errors.New("TEMPORAL_API_KEY_FILE: the file is empty")
	}
	return key, nil
}

// ClientOptions are the SDK options Dial uses: address, credentials, TLS
// and, with the payload codec on, the data and failure converters that
// encrypt.
func (t Temporal) ClientOptions(logger *slog.Logger) (client.Options, error) {
	opts := client.Options{
		HostPort:  t.Address,
		Namespace: t.Namespace,
		Logger:    tlog.NewStructuredLogger(logger),
	}
	key, err := t.apiKey()
	if err != nil {
		return opts, err
	}
	if key != "" {
		opts.Credentials = client.NewAPIKeyStaticCredentials(key)
	}
	tlsCfg, err := t.TLSConfig.build()
	if err != nil {
		return opts, err
	}
	if tlsCfg == nil && key != "" {
		tlsCfg, _ = TLSConfig{Enabled: true}.build() // an API key never travels in the clear
	}
	opts.ConnectionOptions.TLS = tlsCfg
	c, err := t.Codec()
	if err != nil {
		return opts, err
	}
	if c != nil {
		opts.DataConverter, opts.FailureConverter = codec.DataConverter(c), codec.FailureConverter(c)
	}
	return opts, nil
}

// InsecureWarning is the warning to show when payloads and credentials
// would cross a network in the clear: TLS off to a host that is not this
// machine. "" otherwise.
func (t Temporal) InsecureWarning() string {
	if t.TLSConfig.on() || t.APIKey != "" || t.APIKeyFile != "" || isLoopback(t.Address) {
		return ""
	}
	return fmt.Sprintf("connecting to Temporal at TEMPORAL_ADDRESS=%s without TLS: workflow payloads and "+
		"metadata cross the network in the clear (set TEMPORAL_TLS=true, with TEMPORAL_TLS_CA for a private CA, "+
		"or TEMPORAL_TLS_CERT/TEMPORAL_TLS_KEY for mTLS)", t.Address)
}

// isLoopback reports whether host:port names this machine.
func isLoopback(hostPort string) bool {
	host, _, err := net.SplitHostPort(hostPort)
	if err != nil {
		host = hostPort
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Dial connects to Temporal, logging through logger; extra set further
// client options (metrics handler, interceptors). It logs InsecureWarning.
func (t Temporal) Dial(logger *slog.Logger, extra ...func(*client.Options)) (client.Client, error) {
	opts, err := t.ClientOptions(logger)
	if err != nil {
		return nil, err
	}
	if w := t.InsecureWarning(); w != "" {
		logger.Warn(w)
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
