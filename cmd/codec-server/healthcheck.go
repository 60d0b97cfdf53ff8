package main

import (
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/caarlos0/env/v11"
)

// healthcheck asks this machine's codec server for /healthz, for the
// container healthcheck (distroless images have no shell or curl): 0 when
// it answers 200, 1 otherwise.
func healthcheck() int {
	cfg, err := env.ParseAs[Config]()
	if err != nil {
		fmt.Fprintln(os.Stderr, "configuration:", err)
		return 1
	}
	url, err := healthURL(cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	// Loopback to its own listener: the certificate names the public host.
	c := &http.Client{Timeout: 3 * time.Second, Transport: &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}} //nolint:gosec // loopback liveness only
	resp, err := c.Get(url)
	if err != nil {
		fmt.Fprintln(os.Stderr, "codec server:", err)
		return 1
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintln(os.Stderr, "codec server: /healthz answered", resp.Status)
		return 1
	}
	return 0
}

// healthURL is /healthz at CODEC_SERVER_ADDRESS; a wildcard address
// (0.0.0.0, ::) is asked on loopback, where it listens too.
func healthURL(cfg Config) (string, error) {
	host, port, err := net.SplitHostPort(cfg.Address)
	if err != nil {
		return "", fmt.Errorf("CODEC_SERVER_ADDRESS=%q: %w", cfg.Address, err)
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	scheme := "http"
	if cfg.TLSCert != "" {
		scheme = "https"
	}
	return scheme + "://" + net.JoinHostPort(host, port) + "/healthz", nil
}
