// Package testcerts makes a throwaway CA and certificates signed by it, for
// tests of TLS and mTLS connections.
package testcerts

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

// PEM is one certificate and its private key, PEM-encoded.
type PEM struct {
	Cert, Key []byte
}

// TLS is the pair as a tls.Certificate.
func (p PEM) TLS() (tls.Certificate, error) { return tls.X509KeyPair(p.Cert, p.Key) }

// WriteFiles writes cert.pem and key.pem under dir with the given prefix and
// returns their paths.
func (p PEM) WriteFiles(dir, prefix string) (certPath, keyPath string, err error) {
	certPath, keyPath = filepath.Join(dir, prefix+"cert.pem"), filepath.Join(dir, prefix+"key.pem")
	if err = os.WriteFile(certPath, p.Cert, 0o600); err == nil {
		err = os.WriteFile(keyPath, p.Key, 0o600)
	}
	return certPath, keyPath, err
}

// CA signs certificates.
type CA struct {
	PEM
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
}

// NewCA makes a self-signed CA valid for an hour.
func NewCA(name string) (*CA, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	tmpl := template(name)
	tmpl.IsCA, tmpl.BasicConstraintsValid = true, true
	tmpl.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	p, err := encode(der, key)
	return &CA{PEM: p, cert: cert, key: key}, err
}

// Pool is a cert pool holding the CA.
func (ca *CA) Pool() *x509.CertPool {
	pool := x509.NewCertPool()
	pool.AddCert(ca.cert)
	return pool
}

// Server issues a server certificate for the DNS names (and 127.0.0.1).
func (ca *CA) Server(dnsNames ...string) (PEM, error) {
	tmpl := template(dnsNames[0])
	tmpl.DNSNames = dnsNames
	tmpl.IPAddresses = []net.IP{net.ParseIP("127.0.0.1")}
	tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
	return ca.issue(tmpl)
}

// Client issues a client certificate with the common name.
func (ca *CA) Client(commonName string) (PEM, error) {
	tmpl := template(commonName)
	tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}
	return ca.issue(tmpl)
}

func (ca *CA) issue(tmpl *x509.Certificate) (PEM, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return PEM{}, err
	}
	tmpl.KeyUsage = x509.KeyUsageDigitalSignature
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		return PEM{}, err
	}
	return encode(der, key)
}

func template(cn string) *x509.Certificate {
	serial, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
	return &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: cn},
		NotBefore:    time.Now().Add(-time.Minute),
		NotAfter:     time.Now().Add(time.Hour),
	}
}

func encode(der []byte, key *ecdsa.PrivateKey) (PEM, error) {
	kb, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return PEM{}, err
	}
	return PEM{
		Cert: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		Key:  pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}),
	}, nil
}
