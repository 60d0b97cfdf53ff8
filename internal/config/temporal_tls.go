package config

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
)

// TLSConfig is TLS to the Temporal frontend. Each PEM comes from a file
// (TEMPORAL_TLS_CERT, ...) or inline (TEMPORAL_TLS_CERT_DATA, ...), for
// platforms that hand secrets over as variables.
type TLSConfig struct {
	Enabled    bool   `env:"TEMPORAL_TLS"`
	CertFile   string `env:"TEMPORAL_TLS_CERT"`
	KeyFile    string `env:"TEMPORAL_TLS_KEY"`
	CAFile     string `env:"TEMPORAL_TLS_CA"`
	CertData   string `env:"TEMPORAL_TLS_CERT_DATA"`
	KeyData    string `env:"TEMPORAL_TLS_KEY_DATA"`
	CAData     string `env:"TEMPORAL_TLS_CA_DATA"`
	ServerName string `env:"TEMPORAL_TLS_SERVER_NAME"`
}

// on reports whether any setting asks for TLS.
func (c TLSConfig) on() bool {
	return c.Enabled || c.CertFile != "" || c.CertData != "" || c.KeyFile != "" || c.KeyData != "" || c.CAFile != "" || c.CAData != "" || c.ServerName != ""
}

// build is the tls.Config, nil when TLS is off. Errors name the variables,
// never the PEM content.
func (c TLSConfig) build() (*tls.Config, error) {
	if !c.on() {
		return nil, nil
	}
	if (c.CertFile != "" || c.CertData != "") != (c.KeyFile != "" || c.KeyData != "") {
		return nil, errors.New("TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY (or their _DATA forms) must be set together")
	}
	cfg := &tls.Config{MinVersion: tls.VersionTLS12, ServerName: c.ServerName}
	cert, err := pem("TEMPORAL_TLS_CERT", c.CertFile, c.CertData)
	if err != nil {
		return nil, err
	}
	key, err := pem("TEMPORAL_TLS_KEY", c.KeyFile, c.KeyData)
	if err != nil {
		return nil, err
	}
	if cert != nil {
		pair, err := tls.X509KeyPair(cert, key)
		if err != nil {
			return nil, errors.New("TEMPORAL_TLS_CERT/TEMPORAL_TLS_KEY: not a matching PEM certificate and key")
		}
		cfg.Certificates = []tls.Certificate{pair}
	}
	ca, err := pem("TEMPORAL_TLS_CA", c.CAFile, c.CAData)
	if err != nil {
		return nil, err
	}
	if ca != nil {
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(ca) {
			return nil, errors.New("TEMPORAL_TLS_CA: no PEM certificate in it")
		}
		cfg.RootCAs = pool
	}
	return cfg, nil
}

// pem reads one PEM from its file or its _DATA variable (nil if neither).
func pem(name, file, data string) ([]byte, error) {
	switch {
	case file != "" && data != "":
		return nil, fmt.Errorf("set %s or %s_DATA, not both", name, name)
	case data != "":
		return []byte(data), nil
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return b, nil
	}
	return nil, nil
}
