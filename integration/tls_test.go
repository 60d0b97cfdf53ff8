package integration

import (
	"crypto/tls"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/assistant"
	"github.com/durable-assistants/durable-assistants/internal/testcerts"
	"github.com/durable-assistants/durable-assistants/openaitest"
)

// mtlsProxy terminates mTLS in front of the dev server's gRPC port (the
// pinned CLI's start-dev has no TLS flags): it accepts only clients with a
// certificate from the CA and records their names.
type mtlsProxy struct {
	addr string
	mu   sync.Mutex
	seen []string // verified client certificate names
	bad  int      // handshakes refused
}

func startMTLSProxy(t *testing.T, ca *testcerts.CA, server testcerts.PEM, backend string) *mtlsProxy {
	t.Helper()
	cert, err := server.TLS()
	require.NoError(t, err)
	ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{
		Certificates: []tls.Certificate{cert},
		ClientCAs:    ca.Pool(),
		ClientAuth:   tls.RequireAndVerifyClientCert,
		NextProtos:   []string{"h2"}, // gRPC requires ALPN h2
		MinVersion:   tls.VersionTLS12,
	})
	require.NoError(t, err)
	t.Cleanup(func() { ln.Close() })
	p := &mtlsProxy{addr: ln.Addr().String()}
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go p.serve(conn.(*tls.Conn), backend)
		}
	}()
	return p
}

func (p *mtlsProxy) serve(conn *tls.Conn, backend string) {
	defer conn.Close()
	if err := conn.Handshake(); err != nil {
		p.mu.Lock()
		p.bad++
		p.mu.Unlock()
		return
	}
	p.mu.Lock()
	p.seen = append(p.seen, conn.ConnectionState().PeerCertificates[0].Subject.CommonName)
	p.mu.Unlock()
	up, err := net.Dial("tcp", backend)
	if err != nil {
		return
	}
	defer up.Close()
	go func() { _, _ = io.Copy(up, conn); up.(*net.TCPConn).CloseWrite() }()
	_, _ = io.Copy(conn, up)
}

func (p *mtlsProxy) clients() ([]string, int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.seen...), p.bad
}

// The worker and the starter reach Temporal over mTLS (certificates made
// here, CA and server name from the environment) and run a workflow; a
// worker without a client certificate is refused and exits naming the
// address.
func TestWorkerAndStarterOverMTLS(t *testing.T) {
	ca, err := testcerts.NewCA("da test CA")
	require.NoError(t, err)
	server, err := ca.Server("temporal.test")
	require.NoError(t, err)
	clientCert, err := ca.Client("da-worker")
	require.NoError(t, err)
	dir := t.TempDir()
	certPath, keyPath, err := clientCert.WriteFiles(dir, "client-")
	require.NoError(t, err)
	caPath := filepath.Join(dir, "ca.pem")
	require.NoError(t, os.WriteFile(caPath, ca.Cert, 0o600))
	proxy := startMTLSProxy(t, ca, server, temporalAddr)

	tlsEnv := []string{"TEMPORAL_ADDRESS=" + proxy.addr, "TEMPORAL_TLS_CA=" + caPath,
		"TEMPORAL_TLS_CERT=" + certPath, "TEMPORAL_TLS_KEY=" + keyPath, "TEMPORAL_TLS_SERVER_NAME=temporal.test"}
	e := newEnv(t, openaitest.Options{})
	e.startWorker(tlsEnv...)
	asst := e.createAssistant()
	res, err := e.client.Run(e.ctx(time.Minute), assistant.RunRequest{AssistantID: asst, Message: "over mTLS"})
	require.NoError(t, err)
	require.Equal(t, "Echo: over mTLS", res.Reply)

	starter := exec.Command(filepath.Join(binDir, "starter"), "run", "--assistant", asst, "--message", "starter over mTLS")
	starter.Env = append([]string{"PATH=" + os.Getenv("PATH"), "TEMPORAL_TASK_QUEUE=" + e.taskQueue}, tlsEnv...)
	out, err := starter.CombinedOutput()
	require.NoError(t, err, "%s", out)
	require.Contains(t, string(out), "Echo: starter over mTLS")
	require.NotContains(t, string(out), "without TLS")

	seen, _ := proxy.clients()
	require.Contains(t, seen, "da-worker", "the worker's certificate was verified")

	// Without a client certificate the proxy refuses the handshake.
	noCert := e.startWorker("TEMPORAL_ADDRESS="+proxy.addr, "TEMPORAL_TLS_CA="+caPath, "TEMPORAL_TLS_SERVER_NAME=temporal.test")
	select {
	case <-noCert.exited:
	case <-time.After(30 * time.Second):
		t.Fatal("a worker without a client certificate kept running")
	}
	require.Contains(t, noCert.out.String(), "connect to Temporal at TEMPORAL_ADDRESS="+proxy.addr)
	_, bad := proxy.clients()
	require.Positive(t, bad, "the proxy refused a handshake")

	// And a plaintext client to a non-loopback name is warned about.
	warn := exec.Command(filepath.Join(binDir, "starter"), "run", "--assistant", asst, "--message", "x", "--no-wait")
	warn.Env = []string{"PATH=" + os.Getenv("PATH"), "TEMPORAL_ADDRESS=temporal.invalid:7233"}
	out, _ = warn.CombinedOutput()
	require.True(t, strings.Contains(string(out), "without TLS"), "%s", out)
}
