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
	if !strings.Contains(out.String(), fakejp1.IMAdminUser) || !strings.Contains(out.String(), fakejp1.OAAdminPassword) {
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
	req.SetBasicAuth(fakejp1.OAAdminUser, fakejp1.OAAdminPassword)
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
