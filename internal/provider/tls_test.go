package provider

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
)

// testCA makes a CA and a server certificate for 127.0.0.1 signed by it.
func testCA(t *testing.T) (caPEM []byte, server tls.Certificate) {
	t.Helper()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	caTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "JP1 test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	caCert, _ := x509.ParseCertificate(caDER)
	leafKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	leafTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "jp1 fake"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, KeyUsage: x509.KeyUsageDigitalSignature,
	}
	leafDER, err := x509.CreateCertificate(rand.Reader, leafTmpl, caCert, &leafKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	caPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER})
	return caPEM, tls.Certificate{Certificate: [][]byte{leafDER}, PrivateKey: leafKey}
}

// The provider reaches an HTTPS JP1 whose CA it is given as a file or as PEM text,
// and refuses one it cannot verify with an error that says how to trust the CA.
func TestAccProvider_tls(t *testing.T) {
	caPEM, cert := testCA(t)
	fake := fakejp1.New()
	url, err := fake.StartTLS(cert)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(fake.Close)
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(caFile, caPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := func(tlsArgs string) string {
		return fmt.Sprintf(`
provider "jp1" {
  im = {
    endpoint = %[1]q
    username = %[2]q
    password = %[3]q
  }
  analytics = {
    endpoint = %[1]q
    username = %[4]q
    password = %[5]q
  }
  %[6]s
}

data "jp1_analytics_credentials" "all" {}
data "jp1_proxy_users" "all" {}
`, url, fakejp1.IMAdminUser, fakejp1.IMAdminPassword, fakejp1.AnalyticsAdminUser, fakejp1.AnalyticsAdminPassword, tlsArgs)
	}
	// Both products over HTTPS: OA with Basic/HSSO, IM through a login.
	ok := resource.ComposeAggregateTestCheckFunc(
		resource.TestCheckResourceAttr("data.jp1_analytics_credentials.all", "credentials.#", "0"),
		resource.TestCheckResourceAttr("data.jp1_proxy_users.all", "user_ids.#", "0"),
	)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{Config: cfg(fmt.Sprintf("ca_cert_file = %q", caFile)), Check: ok},
			{Config: cfg(fmt.Sprintf("ca_cert_pem = %q", string(caPEM))), Check: ok},
			{Config: cfg("insecure_skip_verify = true"), Check: ok},
			{
				Config:      cfg(""),
				ExpectError: regexp.MustCompile(`(?s)certificate.*signed by a CA this machine does not trust.*ca_cert_file`),
			},
		},
	})
	if fake.Logins() == 0 {
		t.Error("no IM login went over HTTPS")
	}
}
