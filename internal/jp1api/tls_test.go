package jp1api

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"
)

func TestTLSConfig(t *testing.T) {
	t.Parallel()
	if tc := tlsConfig(Options{}); tc.InsecureSkipVerify || tc.RootCAs != nil || tc.MinVersion == 0 {
		t.Errorf("defaults: verification must be on with the system's CAs and a minimum version: %+v", tc)
	}
	if tc := tlsConfig(Options{InsecureSkipVerify: true}); !tc.InsecureSkipVerify {
		t.Error("insecure_skip_verify was not applied")
	}
	if tc := tlsConfig(Options{ExtraCAs: testCAPEM(t)}); tc.RootCAs == nil || tc.RootCAs.Equal(x509.NewCertPool()) {
		t.Error("the extra CA was not added to the pool")
	}
}

func TestValidateCAPEM(t *testing.T) {
	t.Parallel()
	if err := ValidateCAPEM(testCAPEM(t)); err != nil {
		t.Errorf("a real certificate: %v", err)
	}
	if err := ValidateCAPEM([]byte("garbage")); err == nil || !strings.Contains(err.Error(), "BEGIN CERTIFICATE") {
		t.Errorf("garbage: %v", err)
	}
}

func TestCertificateHints(t *testing.T) {
	t.Parallel()
	unknown := fmt.Errorf("dial: %w", x509.UnknownAuthorityError{})
	if cause, got := transportCause(unknown); cause != CauseUntrustedCA || strings.Contains(got, "ca_cert_file") || !strings.Contains(got, "does not trust") {
		t.Errorf("unknown CA: %q", got)
	}
	if _, got := transportCause(x509.HostnameError{Certificate: &x509.Certificate{}, Host: "oahost"}); !strings.Contains(got, "host name") {
		t.Errorf("host name: %q", got)
	}
	if _, got := transportCause(errors.New("some other failure")); strings.Contains(got, "certificate") {
		t.Errorf("no certificate problem: %q", got)
	}
}

// testCAPEM returns a self-signed CA certificate made for the test.
func testCAPEM(t *testing.T) []byte {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "JP1 test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}
