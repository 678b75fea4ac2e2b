package fakejp1

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestStartAndClose(t *testing.T) {
	t.Parallel()
	s := New()
	if s.URL() != "" {
		t.Error("URL before Start")
	}
	url, err := s.Start()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(url, "http://127.0.0.1:") || s.URL() != url {
		t.Errorf("url = %q, URL() = %q", url, s.URL())
	}
	if _, err := s.Start(); err == nil {
		t.Error("second Start should fail")
	}
	c := &testClient{t: t, base: url, hc: &http.Client{Timeout: 5 * time.Second}}
	c.do(http.MethodGet, "/im/api/version", "", nil).wantStatus(t, http.StatusOK)

	// Drops work on the standalone listener too.
	s.AddFault(Fault{Endpoint: "GET /im/api/version", Mode: FaultDropBefore, Times: 1})
	if err := sendExpectingDrop(noRetryClient(c), http.MethodGet, "/im/api/version", "", ""); err != nil {
		t.Error(err)
	}

	s.Close()
	s.Close() // idempotent
	if s.URL() != "" {
		t.Error("URL after Close")
	}
	if _, err := http.Get(url + "/im/api/version"); err == nil {
		t.Error("server still answers after Close")
	}
	if _, err := s.Start(); err == nil {
		t.Error("Start after Close should fail")
	}
}

func TestCloseCancelsWaitingHandlers(t *testing.T) {
	t.Parallel()
	s := New()
	url, err := s.Start()
	if err != nil {
		t.Fatal(err)
	}
	s.SetLatency(time.Minute)
	done := make(chan struct{})
	go func() {
		defer close(done)
		res, err := http.Get(url + "/im/api/version")
		if err == nil {
			res.Body.Close()
		}
	}()
	time.Sleep(20 * time.Millisecond)
	start := time.Now()
	s.Close()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("request still pending after Close")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Close took %v", d)
	}
}

func TestStartTLS(t *testing.T) {
	t.Parallel()
	cert, pool := selfSigned(t)
	s := New()
	url, err := s.StartTLS(cert)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !strings.HasPrefix(url, "https://127.0.0.1:") {
		t.Fatalf("url = %q", url)
	}
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}, ForceAttemptHTTP2: true, DisableKeepAlives: true}
	c := &testClient{t: t, base: url, hc: &http.Client{Transport: tr, Timeout: 5 * time.Second}}
	c.do(http.MethodGet, "/Analytics/v1/configuration/version", authAnalyticsAdmin, nil).wantStatus(t, http.StatusOK)

	// HTTP/1.1 only, so a dropped connection is a real dropped connection.
	s.AddFault(Fault{Endpoint: "POST /im/api/v1/secret/client/generateInfo", Mode: FaultDropAfter})
	if err := sendExpectingDrop(c, http.MethodPost, pathGenerate, `{"clientId":"tls"}`, c.login(IMAdminUser, IMAdminPassword)); err != nil {
		t.Error(err)
	}
	if _, ok := s.IMClientSecret("tls"); !ok {
		t.Error("drop after over TLS did not apply the change")
	}
}

func TestStartOnWildcardAddress(t *testing.T) {
	t.Parallel()
	s := New()
	url, err := s.StartOn("0.0.0.0:0", nil)
	if err != nil {
		t.Skip("cannot listen on 0.0.0.0:", err)
	}
	defer s.Close()
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Errorf("url = %q, want a dialable loopback URL", url)
	}
}

// selfSigned makes a certificate for 127.0.0.1 and a pool that trusts it.
func selfSigned(t *testing.T) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "fakejp1"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}
