package provider

import (
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1/fakejp1test"
)

// Issue 18 §3, "when nothing can succeed, say so once and quickly": a run
// whose every resource fails for one cause shows that cause once per product,
// in full, and one line for each resource not attempted because of it. Every
// resource still fails (Terraform records no success).

// oneCauseResources is n IM clients and n SSH credentials.
func oneCauseResources(n int) string {
	return fmt.Sprintf(`
resource "jp1_im_client" "c" {
  count     = %d
  client_id = "client-${count.index}"
}
`, n) + estateCredentials(n, "v1")
}

// oneCauseProvider points IM at imURL and Operations Analytics at analyticsURL (two
// endpoints, so that each product's first call is its own: the counts below
// do not depend on which product starts first).
func oneCauseProvider(imURL, analyticsURL, imPassword, analyticsPassword string) string {
	return fmt.Sprintf(`
provider "jp1" {
  im = {
    endpoint = %q
    username = %q
    password = %q
  }
  analytics = {
    endpoint = %q
    username = %q
    password = %q
  }
  retry = {
    max_attempts = 3
    min_wait     = "1ms"
    max_wait     = "5ms"
  }
}
`, imURL, fakejp1.IMAdminUser, imPassword, analyticsURL, fakejp1.AnalyticsAdminUser, analyticsPassword)
}

// diagnosticsOf splits Terraform's output into its error diagnostics.
func diagnosticsOf(out string) []string {
	parts := regexp.MustCompile(`(?m)^(?:│ )?Error: `).Split(out, -1)
	if len(parts) < 2 {
		return nil
	}
	return parts[1:]
}

// checkOneCause runs config, which must fail every one of its 2n resources,
// and asserts the diagnostics: one in full per product (matching full), and a
// one-line "not attempted" error for every other resource.
func checkOneCause(t *testing.T, config string, n int, full *regexp.Regexp) {
	t.Helper()
	var out string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		ErrorCheck: func(err error) error {
			out = err.Error()
			return nil // checked below
		},
		Steps: []resource.TestStep{{Config: config}},
	})
	if out == "" {
		t.Fatal("the apply succeeded, want every resource to fail")
	}
	diags := diagnosticsOf(out)
	fulls, briefs := 0, 0
	for _, d := range diags {
		flat := strings.Join(strings.Fields(strings.ReplaceAll(d, "│", "")), " ")
		switch {
		case strings.Contains(flat, "not attempted:") && strings.Contains(flat, "see the first error") && !full.MatchString(flat):
			briefs++
		case full.MatchString(flat):
			fulls++
		default:
			t.Errorf("a diagnostic neither the full error nor the one-line one:\n%s", d)
		}
	}
	if len(diags) != 2*n || fulls != 2 || briefs != 2*n-2 {
		t.Errorf("%d error diagnostics (%d full, %d one-line), want %d: 2 in full (one per product) and %d one-line:\n%s",
			len(diags), fulls, briefs, 2*n, 2*n-2, out)
	}
}

// countingServer is a plain HTTP server that counts the connections made to it.
func countingServer(t *testing.T, tls bool) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var conns atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("a request reached the server: %s %s", r.Method, r.URL.Path)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the handshakes the client gives up
	if tls {
		srv.StartTLS()
	} else {
		srv.Start()
	}
	t.Cleanup(srv.Close)
	return srv, &conns
}

// Nothing listens at either endpoint: each product's first call spends its
// budget (3 attempts), and every other resource is not attempted.
func TestAccFaults_unreachableSaidOnce(t *testing.T) {
	var ports []string
	var lns []net.Listener
	for range 2 { // both listened on before either is closed: two distinct ports
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		lns = append(lns, ln)
		ports = append(ports, ln.Addr().String())
	}
	for _, ln := range lns {
		_ = ln.Close() // nothing listens there now
	}
	config := oneCauseProvider("http://"+ports[0], "http://"+ports[1], fakejp1.IMAdminPassword, fakejp1.AnalyticsAdminPassword) +
		oneCauseResources(6)
	checkOneCause(t, config, 6, regexp.MustCompile(`connection refused \(after 3 attempts\)`))
}

// An https:// endpoint on a plain HTTP server: one connection per product,
// never retried, and one full error per product.
func TestAccProvider_tlsOnPlainHTTPSaidOnce(t *testing.T) {
	im, imConns := countingServer(t, false)
	oa, analyticsConns := countingServer(t, false)
	config := oneCauseProvider("https://"+im.Listener.Addr().String(), "https://"+oa.Listener.Addr().String(),
		fakejp1.IMAdminPassword, fakejp1.AnalyticsAdminPassword) + oneCauseResources(6)
	checkOneCause(t, config, 6, regexp.MustCompile(`HTTPS client \(after 1 attempt\).*does not speak TLS`))
	if imConns.Load() != 1 || analyticsConns.Load() != 1 {
		t.Errorf("connections: IM %d, Operations Analytics %d; want 1 each", imConns.Load(), analyticsConns.Load())
	}
}

// A certificate that fails verification (a CA the provider is not given):
// one handshake per product, and one full error per product.
func TestAccProvider_tlsUntrustedSaidOnce(t *testing.T) {
	im, imConns := countingServer(t, true)
	oa, analyticsConns := countingServer(t, true)
	config := oneCauseProvider(im.URL, oa.URL, fakejp1.IMAdminPassword, fakejp1.AnalyticsAdminPassword) + oneCauseResources(6)
	checkOneCause(t, config, 6, regexp.MustCompile(`signed by a CA this machine does not trust.*ca_cert_file`))
	if imConns.Load() != 1 || analyticsConns.Load() != 1 {
		t.Errorf("connections: IM %d, Operations Analytics %d; want 1 each", imConns.Load(), analyticsConns.Load())
	}
}

// A wrong password: one refused login per product (as before), and now one
// full error per product instead of one per resource.
func TestAccWrongPasswordSaidOnce(t *testing.T) {
	imFake, imURL := fakejp1test.Start(t)
	analyticsFake, analyticsURL := fakejp1test.Start(t)
	config := oneCauseProvider(imURL, analyticsURL, "wrong-im", "wrong-oa") + oneCauseResources(6)
	checkOneCause(t, config, 6, regexp.MustCompile(`im\.password.*JP1_IM_PASSWORD|analytics\.password.*JP1_ANALYTICS_PASSWORD`))
	if n := imFake.Count("POST /im/api/v1/login"); n != 1 {
		t.Errorf("%d refused IM logins, want 1", n)
	}
	if n := analyticsFake.TotalRequests(); n != 1 {
		t.Errorf("%d refused Operations Analytics requests, want 1: %v", n, analyticsFake.Counts())
	}
}
