package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
)

// syncBuffer is a bytes.Buffer that run may write while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestRunServesUntilCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	urlFile := filepath.Join(t.TempDir(), "url")
	var out syncBuffer
	errc := make(chan error, 1)
	go func() {
		errc <- run(ctx, []string{"-proxy-processing", "0s", "-oa-default-ports", "-url-file", urlFile}, &out, io.Discard)
	}()

	var url string
	deadline := time.Now().Add(5 * time.Second)
	for {
		if b, err := os.ReadFile(urlFile); err == nil {
			url = strings.TrimSpace(string(b))
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no URL file; output so far: %q", out.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	first, _, _ := strings.Cut(out.String(), "\n")
	if first != "fakejp1 listening on "+url || !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Errorf("first line = %q, url file = %q", first, url)
	}
	if !strings.Contains(out.String(), fakejp1.IMAdminUser) || !strings.Contains(out.String(), fakejp1.AnalyticsAdminPassword) {
		t.Errorf("users not printed: %q", out.String())
	}

	res, err := http.Get(url + "/im/api/version")
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("version: %v %v", res, err)
	}
	res.Body.Close()
	// Without -im-basic, Basic is refused, as on a manager without jp1.imdd.authBasic=true.
	req, _ := http.NewRequest(http.MethodGet, url+"/im/api/v1/secret/client/list", nil)
	req.SetBasicAuth(fakejp1.IMAdminUser, fakejp1.IMAdminPassword)
	res, err = http.DefaultClient.Do(req)
	if err != nil || res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("basic without -im-basic: %v %v", res, err)
	}
	res.Body.Close()

	// -oa-default-ports: a credential saved without a port reports the protocol's default.
	req, _ = http.NewRequest(http.MethodPost, url+"/Analytics/v1/objects/Credentials", strings.NewReader(
		`{"name":"ssh","credentialType":"SSH","userId":"u","password":"cA==","updatePassword":true}`))
	req.SetBasicAuth(fakejp1.AnalyticsAdminUser, fakejp1.AnalyticsAdminPassword)
	req.Header.Set("Content-Type", "application/json")
	res, err = http.DefaultClient.Do(req)
	if err != nil || res.StatusCode != http.StatusCreated {
		t.Fatalf("create with -oa-default-ports: %v %v", res, err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(body), `"portNumber":22`) {
		t.Errorf("-oa-default-ports: the created SSH credential reports no port 22: %s", body)
	}

	cancel()
	select {
	case err := <-errc:
		if err != nil {
			t.Errorf("run: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("run did not stop on cancel")
	}
	if _, err := http.Get(url + "/im/api/version"); err == nil {
		t.Error("still serving after stop")
	}
}

func TestRunRejectsBadArguments(t *testing.T) {
	for _, args := range [][]string{
		{"-no-such-flag"},
		{"extra"},
		{"-tls-cert", "cert.pem"},
		{"-tls-cert", "missing.pem", "-tls-key", "missing.key"},
		{"-addr", "256.0.0.1:0"},
	} {
		if err := run(context.Background(), args, io.Discard, io.Discard); err == nil {
			t.Errorf("run(%q) succeeded", args)
		}
	}
}

// startRun runs the command with args until the test ends and returns its
// base URL (from -url-file), its output and its error output.
func startRun(t *testing.T, args ...string) (url string, out, errOut *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	urlFile := filepath.Join(t.TempDir(), "url")
	out, errOut = &syncBuffer{}, &syncBuffer{}
	errc := make(chan error, 1)
	go func() { errc <- run(ctx, append(args, "-url-file", urlFile), out, errOut) }()
	t.Cleanup(func() {
		cancel()
		if err := <-errc; err != nil {
			t.Errorf("run: %v", err)
		}
	})
	deadline := time.Now().Add(5 * time.Second)
	for {
		if b, err := os.ReadFile(urlFile); err == nil {
			return strings.TrimSpace(string(b)), out, errOut
		}
		select {
		case err := <-errc:
			errc <- err                      // for the cleanup, which waits for it
			t.Skipf("run %q: %v", args, err) // cannot listen there
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no URL file; output so far: %q %q", out.String(), errOut.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// getWithHost sends GET url+path naming host in the Host header.
func getWithHost(t *testing.T, url, path, host string) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = host
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// On loopback (the default) the command warns of nothing and answers only
// loopback Host names (DNS rebinding).
func TestRunLoopbackIsQuietAndChecksHost(t *testing.T) {
	url, out, errOut := startRun(t)
	if errOut.String() != "" {
		t.Errorf("error output on loopback: %q", errOut.String())
	}
	if first, _, _ := strings.Cut(out.String(), "\n"); first != "fakejp1 listening on "+url {
		t.Errorf("first line = %q, url = %q", first, url)
	}
	port := url[strings.LastIndex(url, ":"):]
	if got := getWithHost(t, url, "/_fake/counts", "rebound.example"+port); got != http.StatusForbidden {
		t.Errorf("foreign Host on loopback: %d, want 403", got)
	}
	if got := getWithHost(t, url, "/_fake/counts", "localhost"+port); got != http.StatusOK {
		t.Errorf("Host localhost: %d, want 200", got)
	}
}

// Listening beyond loopback is allowed, but said loudly on the error output,
// and the address printed is the one listened on, not 127.0.0.1.
func TestRunBeyondLoopbackWarns(t *testing.T) {
	url, out, errOut := startRun(t, "-addr", "0.0.0.0:0")
	if !strings.HasPrefix(url, "http://0.0.0.0:") {
		t.Fatalf("url = %q, want the address listened on, http://0.0.0.0:PORT", url)
	}
	port := url[strings.LastIndex(url, ":")+1:]
	if first, _, _ := strings.Cut(out.String(), "\n"); first != "fakejp1 listening on "+url {
		t.Errorf("first line = %q, url = %q", first, url)
	}
	warning := errOut.String()
	for _, want := range []string{"WARNING", "0.0.0.0:" + port, "/_fake/", "well-known", "network", "http://127.0.0.1:" + port} {
		if !strings.Contains(warning, want) {
			t.Errorf("warning %q does not say %q", warning, want)
		}
	}
	// Served to the network on purpose: the machine's names are accepted.
	if got := getWithHost(t, "http://127.0.0.1:"+port, "/im/api/version", "jp1-manager.lan:"+port); got != http.StatusOK {
		t.Errorf("Host jp1-manager.lan beyond loopback: %d, want 200", got)
	}
}

func TestListenURL(t *testing.T) {
	for _, tt := range []struct {
		addr, url, want string
		beyond          bool
	}{
		{"127.0.0.1:0", "http://127.0.0.1:5", "http://127.0.0.1:5", false},
		{"localhost:0", "https://127.0.0.1:5", "https://127.0.0.1:5", false},
		{"[::1]:0", "http://[::1]:5", "http://[::1]:5", false},
		{"0.0.0.0:0", "http://127.0.0.1:5", "http://0.0.0.0:5", true},
		{":0", "http://127.0.0.1:5", "http://0.0.0.0:5", true},
		{"[::]:0", "https://127.0.0.1:5", "https://[::]:5", true},
		{"192.0.2.7:0", "http://192.0.2.7:5", "http://192.0.2.7:5", true},
		{"host.example:0", "http://192.0.2.7:5", "http://192.0.2.7:5", true},
	} {
		got, beyond := listenURL(tt.addr, tt.url)
		if got != tt.want || beyond != tt.beyond {
			t.Errorf("listenURL(%q, %q) = %q, %v; want %q, %v", tt.addr, tt.url, got, beyond, tt.want, tt.beyond)
		}
	}
}
