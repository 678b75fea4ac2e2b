package jp1api

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestRetryThenSuccess(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) < 3 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		if r.Header.Get("Content-Type") != "application/json" || r.Header.Get("Accept") != "application/json" ||
			r.Header.Get("Accept-Language") != "en" || r.Header.Get("User-Agent") != "terraform-provider-jp1/test" {
			t.Errorf("headers: %v", r.Header)
		}
		if got := readBody(r); got["k"] != "v" {
			t.Errorf("body of a retry = %v", got)
		}
		writeJSON(w, 200, map[string]string{"ok": "yes"})
	}))
	defer srv.Close()
	cl, data, err := testHTTP().do(ctxTimeout(t), srv.URL, &request{method: http.MethodPut, path: "/x", body: map[string]string{"k": "v"}})
	if err != nil || cl.attempts != 3 || len(data) == 0 {
		t.Fatalf("attempts %d, err %v", cl.attempts, err)
	}
}

func TestNoBodyNoContentType(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Content-Type") != "" {
			t.Errorf("Content-Type without a body: %q", r.Header.Get("Content-Type"))
		}
	}))
	defer srv.Close()
	if _, _, err := testHTTP().do(ctxTimeout(t), srv.URL, &request{method: http.MethodGet, path: "/x"}); err != nil {
		t.Fatal(err)
	}
}

func TestOptionsDefaults(t *testing.T) {
	t.Parallel()
	o := Options{}.withDefaults()
	if o.RequestTimeout != 30*time.Second || o.MaxAttempts != 5 || o.MinWait != 500*time.Millisecond || o.MaxWait != 30*time.Second || o.UserAgent == "" {
		t.Fatalf("defaults: %+v", o)
	}
	o = Options{MinWait: time.Minute, MaxWait: time.Second}.withDefaults()
	if o.MaxWait != time.Minute {
		t.Fatalf("MaxWait below MinWait: %+v", o)
	}
	h := NewHTTP(Options{MaxAttempts: 2})
	if h.client.Logger != nil || h.client.RetryMax != 1+maxAuthReplays || h.client.HTTPClient.Timeout != 30*time.Second {
		t.Fatalf("client: %+v", h.client)
	}
}

func TestRedirectNotFollowed(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.Redirect(w, r, "https://elsewhere.example:22016/Analytics/v1/x?token=abc", http.StatusFound)
	}))
	defer srv.Close()
	// A token long enough to be looked for: with a shorter one the target,
	// server text, would be withheld whatever it says.
	_, _, err := testHTTP().do(ctxTimeout(t), srv.URL, &request{method: http.MethodGet, path: "/x", auth: &staticAuth{header: "Bearer tok-0123456789", token: "tok-0123456789"}})
	var e *APIError
	if !errors.As(err, &e) || e.StatusCode != http.StatusFound || hits.Load() != 1 {
		t.Fatalf("err = %v", err)
	}
	if want := "https://elsewhere.example:22016/Analytics/v1/x"; !strings.Contains(e.Hint, want) || strings.Contains(e.Hint, "token=") {
		t.Fatalf("hint = %q", e.Hint)
	}
}

func TestContextCancelledBeforeStart(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := testHTTP().do(ctx, "http://127.0.0.1:1", &request{method: http.MethodGet, path: "/x"})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
}
