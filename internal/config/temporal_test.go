package config

import (
	"bytes"
	"encoding/base64"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/durable-assistants/durable-assistants/codec"
	"github.com/durable-assistants/durable-assistants/internal/testcerts"
)

func validTemporal() Temporal {
	return Temporal{Address: "localhost:7233", Namespace: "default", TaskQueue: "q"}
}

func TestTemporalTLSFromFilesAndData(t *testing.T) {
	ca, err := testcerts.NewCA("test CA")
	require.NoError(t, err)
	cl, err := ca.Client("worker")
	require.NoError(t, err)
	dir := t.TempDir()
	certPath, keyPath, err := cl.WriteFiles(dir, "client-")
	require.NoError(t, err)
	caPath := filepath.Join(dir, "ca.pem")
	require.NoError(t, os.WriteFile(caPath, ca.Cert, 0o600))

	for name, tc := range map[string]TLSConfig{
		"files": {CertFile: certPath, KeyFile: keyPath, CAFile: caPath, ServerName: "temporal.internal"},
		"data":  {CertData: string(cl.Cert), KeyData: string(cl.Key), CAData: string(ca.Cert), ServerName: "temporal.internal"},
	} {
		t.Run(name, func(t *testing.T) {
			tc2 := validTemporal()
			tc2.TLSConfig = tc
			require.NoError(t, tc2.Validate())
			opts, err := tc2.ClientOptions(slog.Default())
			require.NoError(t, err)
			cfg := opts.ConnectionOptions.TLS
			require.NotNil(t, cfg)
			require.Len(t, cfg.Certificates, 1)
			require.Equal(t, "temporal.internal", cfg.ServerName)
			require.NotNil(t, cfg.RootCAs)
		})
	}
}

func TestTemporalTLSErrorsNameTheVariableNotThePEM(t *testing.T) {
	ca, err := testcerts.NewCA("test CA")
	require.NoError(t, err)
	cl, _ := ca.Client("worker")
	other, _ := ca.Client("other")
	for name, tc := range map[string]struct {
		cfg  TLSConfig
		want string
	}{
		"key without cert":   {TLSConfig{KeyData: string(cl.Key)}, "TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY"},
		"mismatched pair":    {TLSConfig{CertData: string(cl.Cert), KeyData: string(other.Key)}, "not a matching"},
		"file and data":      {TLSConfig{CAFile: "/x", CAData: string(ca.Cert)}, "TEMPORAL_TLS_CA or TEMPORAL_TLS_CA_DATA"},
		"missing CA file":    {TLSConfig{CAFile: "/nonexistent/ca.pem"}, "TEMPORAL_TLS_CA"},
		"CA not a PEM":       {TLSConfig{CAData: "garbage"}, "TEMPORAL_TLS_CA: no PEM"},
		"garbage key inline": {TLSConfig{CertData: string(cl.Cert), KeyData: "secret-key-material"}, "TEMPORAL_TLS_CERT/TEMPORAL_TLS_KEY"},
	} {
		t.Run(name, func(t *testing.T) {
			c := validTemporal()
			c.TLSConfig = tc.cfg
			err := c.Validate()
			require.ErrorContains(t, err, tc.want)
			require.NotContains(t, err.Error(), "PRIVATE KEY")
			require.NotContains(t, err.Error(), "secret-key-material")
		})
	}
}

func TestTemporalAPIKeyTurnsTLSOn(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "key")
	require.NoError(t, os.WriteFile(f, []byte("cloud-key\n"), 0o600))
	for name, c := range map[string]Temporal{"inline": {APIKey: "cloud-key"}, "file": {APIKeyFile: f}} {
		t.Run(name, func(t *testing.T) {
			c.Address, c.Namespace, c.TaskQueue = "ns.tmprl.cloud:7233", "ns", "q"
			require.NoError(t, c.Validate())
			opts, err := c.ClientOptions(slog.Default())
			require.NoError(t, err)
			require.NotNil(t, opts.Credentials)
			require.NotNil(t, opts.ConnectionOptions.TLS)
			require.Empty(t, c.InsecureWarning())
		})
	}
	empty := filepath.Join(dir, "empty")
	require.NoError(t, os.WriteFile(empty, nil, 0o600))
	c := validTemporal()
	c.APIKeyFile = empty
	require.ErrorContains(t, c.Validate(), "TEMPORAL_API_KEY_FILE")
}

func TestInsecureWarningForRemotePlaintext(t *testing.T) {
	for addr, warn := range map[string]bool{
		"localhost:7233": false, "127.0.0.1:7233": false, "[::1]:7233": false,
		"temporal:7233": true, "10.0.0.5:7233": true, "temporal.example.com:7233": true,
	} {
		c := validTemporal()
		c.Address = addr
		require.Equal(t, warn, c.InsecureWarning() != "", addr)
		c.TLSConfig.Enabled = true
		require.Empty(t, c.InsecureWarning(), addr)
	}

	// It names the address and the variable that fixes it.
	c := validTemporal()
	c.Address = "192.0.2.1:7233"
	w := c.InsecureWarning()
	require.Contains(t, w, "192.0.2.1:7233")
	require.Contains(t, w, "TEMPORAL_TLS=true")
}

func TestTemporalCodecFromEnv(t *testing.T) {
	secret := base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{3}, 32))
	cleanEnv(t, map[string]string{"PAYLOAD_CODEC_KEYS": "k2:" + secret})
	s, err := LoadStarter()
	require.NoError(t, err)
	c, err := s.Codec()
	require.NoError(t, err)
	require.Equal(t, "k2", c.EncryptKeyID())

	opts, err := s.ClientOptions(slog.Default())
	require.NoError(t, err)
	p, err := opts.DataConverter.ToPayload("hello")
	require.NoError(t, err)
	require.Equal(t, codec.Encoding, string(p.GetMetadata()["encoding"]))

	cleanEnv(t, map[string]string{"PAYLOAD_CODEC_KEYS": "k2:" + secret[:10]})
	_, err = LoadStarter()
	require.ErrorContains(t, err, "PAYLOAD_CODEC_KEYS")
	require.NotContains(t, err.Error(), secret[:10])

	cleanEnv(t, nil)
	s, err = LoadStarter()
	require.NoError(t, err)
	c, err = s.Codec()
	require.NoError(t, err)
	require.Nil(t, c, "off by default")
}
