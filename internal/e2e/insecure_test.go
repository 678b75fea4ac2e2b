package e2e

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
)

// selfSigned is a certificate no machine trusts.
func selfSigned(t *testing.T) tls.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "untrusted"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

// insecure_skip_verify connects to a server nobody trusts, and says loudly that it did.
func TestE2E_insecureSkipVerifyWarns(t *testing.T) {
	t.Parallel() // every test has its own fake and working directory
	fake := fakejp1.New()
	if _, err := fake.StartTLS(selfSigned(t)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(fake.Close)
	w := newWorkspace(t, fake, retryBlock+`
data "jp1_analytics_credentials" "all" {}

output "count" {
  value = length(data.jp1_analytics_credentials.all.credentials)
}
`)
	out, code := w.run([]string{"JP1_INSECURE_SKIP_VERIFY=true"}, "apply", "-auto-approve", "-input=false")
	if code != 0 {
		t.Fatalf("apply with insecure_skip_verify exited %d:\n%s", code, out)
	}
	if !strings.Contains(out, "TLS verification is disabled") {
		t.Errorf("no warning that TLS verification is off:\n%s", out)
	}
	out, code = w.run(nil, "apply", "-auto-approve", "-input=false")
	if code == 0 || !strings.Contains(out, "ca_cert_file") {
		t.Errorf("without insecure_skip_verify the untrusted server was accepted or the error gave no remedy (exit %d):\n%s", code, out)
	}
}
