package fakejp1

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestContentTypeRequired(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	for _, ct := range []string{"", "text/plain", "application/x-www-form-urlencoded"} {
		req, _ := http.NewRequest(http.MethodPost, c.base+pathGenerate, strings.NewReader(`{"clientId":"a"}`))
		req.Header.Set("Authorization", authIMAdmin)
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		c.send(req).wantIMError(t, http.StatusUnsupportedMediaType, "", 0)
	}
	req, _ := http.NewRequest(http.MethodPost, c.base+pathCreds, strings.NewReader(`{}`))
	req.Header.Set("Authorization", authAnalyticsAdmin)
	req.Header.Set("Content-Type", "text/plain")
	c.send(req).wantAnalyticsError(t, http.StatusUnsupportedMediaType, "")

	req, _ = http.NewRequest(http.MethodPost, c.base+pathGenerate, strings.NewReader(`{"clientId":"a"}`))
	req.Header.Set("Authorization", authIMAdmin)
	req.Header.Set("Content-Type", "application/json; charset=UTF-8")
	c.send(req).wantStatus(t, http.StatusOK)
	if len(s.IMClientIDs()) != 1 {
		t.Error("a charset parameter must be accepted")
	}
}

func TestBodyTooLarge(t *testing.T) {
	t.Parallel()
	_, c := newTestServer(t)
	big := `{"clientId":"` + strings.Repeat("a", maxBodyBytes) + `"}`
	c.do(http.MethodPost, pathGenerate, authIMAdmin, big).wantIMError(t, http.StatusRequestEntityTooLarge, "", 0)
}

func TestLatency(t *testing.T) {
	s, c := newTestServer(t)
	s.SetLatency(60 * time.Millisecond)
	start := time.Now()
	c.do(http.MethodGet, "/im/api/version", "", nil).wantStatus(t, http.StatusOK)
	if d := time.Since(start); d < 60*time.Millisecond {
		t.Errorf("request took %v, want at least the latency", d)
	}
	// Control endpoints are not delayed.
	start = time.Now()
	c.do(http.MethodGet, "/_fake/counts", "", nil)
	if d := time.Since(start); d >= 60*time.Millisecond {
		t.Errorf("control request took %v", d)
	}
}

func TestLatencyHonoursCancellation(t *testing.T) {
	t.Parallel()
	s, c := newTestServer(t)
	s.SetLatency(10 * time.Second)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, c.base+pathGenerate, strings.NewReader(`{"clientId":"a"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", authIMAdmin)
	if _, err := c.hc.Do(req); err == nil {
		t.Fatal("want a client timeout")
	}
	// The handler gives up with the client: nothing is created.
	time.Sleep(50 * time.Millisecond)
	if len(s.IMClientIDs()) != 0 {
		t.Error("a request abandoned during the latency wait was served")
	}
	if s.Count(keyGenerate) != 1 {
		t.Errorf("abandoned request not counted: %d", s.Count(keyGenerate))
	}
}

func TestNormalisePath(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"": "/", "/": "/", "/a/": "/a", "/a//b/": "/a/b", "/im/api/v1/login/": "/im/api/v1/login"} {
		if got := normalisePath(in); got != want {
			t.Errorf("normalisePath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestServeHTTPDirectly(t *testing.T) {
	t.Parallel()
	s := New()
	rec := httptest.NewRecorder()
	req := &http.Request{Method: http.MethodGet, URL: &url.URL{Path: "/im/api/version"}, Header: http.Header{}}
	s.ServeHTTP(rec, req.WithContext(context.Background()))
	if rec.Code != http.StatusOK || s.Count("GET /im/api/version") != 1 {
		t.Errorf("direct ServeHTTP without a body: %d", rec.Code)
	}
}
