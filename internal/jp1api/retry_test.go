package jp1api

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestRetryDecisions is docs/design/jp1-api.md §3 as a table: an answer that never
// changes, per kind of call, and the attempts made (MaxAttempts = 5).
func TestRetryDecisions(t *testing.T) {
	t.Parallel()
	type kind struct {
		name   string
		method string
		kind   callKind
	}
	idem := []kind{{"GET", http.MethodGet, kindIdempotent}, {"PUT", http.MethodPut, kindIdempotent}, {"DELETE", http.MethodDelete, kindIdempotent}, {"IM-list/delete/proxyUsers", http.MethodPost, kindIdempotent}}
	create := kind{"create", http.MethodPost, kindCreate}

	cases := []struct {
		name        string
		status      int
		messageID   string // IM error body when set
		proxyUsers  bool   // the proxyUsers rules decide what is busy
		idempotent  int    // attempts for idempotent calls
		creates     int    // attempts for creates
		lostOnCreat bool
	}{
		{name: "200", status: 200, idempotent: 1, creates: 1},
		{name: "412", status: 412, idempotent: 5, creates: 5},
		{name: "429", status: 429, idempotent: 5, creates: 5},
		{name: "503", status: 503, idempotent: 5, creates: 5},
		{name: "502", status: 502, idempotent: 5, creates: 5, lostOnCreat: true},
		{name: "504", status: 504, idempotent: 5, creates: 5, lostOnCreat: true},
		{name: "500 plain", status: 500, idempotent: 3, creates: 1},
		{name: "500 unknown messageId", status: 500, messageID: "KAJY52014-E", idempotent: 3, creates: 1},
		{name: "500 KAJY68001-E", status: 500, messageID: "KAJY68001-E", idempotent: 3, creates: 3},
		{name: "500 KAJY68008-E", status: 500, messageID: "KAJY68008-E", idempotent: 3, creates: 3},
		{name: "500 KAJY68009-E", status: 500, messageID: "KAJY68009-E", idempotent: 3, creates: 3},
		{name: "500 KAJY68501-E", status: 500, messageID: "KAJY68501-E", idempotent: 3, creates: 3},
		{name: "500 KAJY52013-E proxyUsers lock", status: 500, messageID: "KAJY52013-E", proxyUsers: true, idempotent: 5, creates: 5},
		{name: "501", status: 501, idempotent: 1, creates: 1},
		{name: "505", status: 505, idempotent: 3, creates: 1},
		{name: "400", status: 400, messageID: "KAJY68002-E", idempotent: 1, creates: 1},
		{name: "401 without auth", status: 401, idempotent: 1, creates: 1},
		{name: "403", status: 403, messageID: "KAJY01000-E", idempotent: 1, creates: 1},
		{name: "404", status: 404, idempotent: 1, creates: 1},
		{name: "405", status: 405, idempotent: 1, creates: 1},
		{name: "409", status: 409, idempotent: 1, creates: 1},
		{name: "415", status: 415, idempotent: 1, creates: 1},
	}
	h := testHTTP()
	for _, tc := range cases {
		for _, k := range append(idem, create) {
			t.Run(tc.name+"/"+k.name, func(t *testing.T) {
				var hits atomic.Int32
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					hits.Add(1)
					if tc.messageID != "" {
						imError(w, tc.status, tc.messageID, "test", 2)
						return
					}
					w.WriteHeader(tc.status)
				}))
				defer srv.Close()
				r := &request{method: k.method, path: "/x", kind: k.kind, body: map[string]string{"a": "b"}}
				if tc.proxyUsers {
					r.busy = proxyUsersBusy
				}
				cl, _, err := h.do(ctxTimeout(t), srv.URL, r)
				want := tc.idempotent
				if k.kind == kindCreate {
					want = tc.creates
				}
				if got := int(hits.Load()); got != want {
					t.Fatalf("attempts = %d, want %d (err %v)", got, want, err)
				}
				if cl.attempts != want {
					t.Errorf("call.attempts = %d, want %d", cl.attempts, want)
				}
				if (tc.status >= 300) != (err != nil) {
					t.Fatalf("err = %v", err)
				}
				if err != nil {
					var e *APIError
					if !errors.As(err, &e) || e.StatusCode != tc.status || e.Attempts != want || e.MessageID != tc.messageID {
						t.Fatalf("error = %#v", err)
					}
				}
				if cl.possiblyProcessed != tc.lostOnCreat {
					t.Errorf("possiblyProcessed = %v, want %v", cl.possiblyProcessed, tc.lostOnCreat)
				}
			})
		}
	}
}

func TestRetryTransportErrors(t *testing.T) {
	t.Parallel()
	h := testHTTP()
	t.Run("answer lost", func(t *testing.T) {
		for _, k := range []callKind{kindIdempotent, kindCreate} {
			var hits atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				dropConnection(t, w)
			}))
			cl, _, err := h.do(ctxTimeout(t), srv.URL, &request{method: http.MethodPost, path: "/x", kind: k, body: map[string]int{"n": 1}})
			srv.Close()
			if err == nil || StatusCode(err) != 0 || hits.Load() != 5 || cl.attempts != 5 {
				t.Fatalf("kind %d: hits %d, err %v", k, hits.Load(), err)
			}
			if k == kindCreate && !cl.possiblyProcessed {
				t.Error("a create whose answer was lost must be marked possibly processed")
			}
		}
	})
	t.Run("connection refused", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		_ = ln.Close()
		cl, _, err := h.do(ctxTimeout(t), "http://"+addr, &request{method: http.MethodPost, path: "/x", kind: kindCreate})
		if err == nil || cl.attempts != 5 {
			t.Fatalf("attempts %d, err %v", cl.attempts, err)
		}
		if cl.possiblyProcessed {
			t.Error("a refused connection never reached the server")
		}
		var e *APIError
		if !errors.As(err, &e) || e.Hint == "" || e.Endpoint != "/x" {
			t.Fatalf("error = %#v", err)
		}
	})
	// A request that never left: not possibly processed, whatever the error.
	t.Run("never sent", func(t *testing.T) {
		var hits atomic.Int32
		plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
		defer plain.Close()
		tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
		defer tlsSrv.Close()
		for name, base := range map[string]string{
			"https endpoint, http server":   "https://" + plain.Listener.Addr().String(),
			"untrusted certificate":         tlsSrv.URL,
			"host name that does not exist": "http://jp1.invalid",
		} {
			cl, _, err := h.do(ctxTimeout(t), base, &request{method: http.MethodPost, path: "/x", kind: kindCreate, body: map[string]int{"n": 1}})
			if err == nil || cl.possiblyProcessed {
				t.Errorf("%s: possiblyProcessed = %v, err %v", name, cl.possiblyProcessed, err)
			}
		}
		if hits.Load() != 0 {
			t.Errorf("%d requests reached a handler", hits.Load())
		}
	})
	t.Run("once", func(t *testing.T) {
		var hits atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			hits.Add(1)
			w.WriteHeader(503)
		}))
		defer srv.Close()
		_, _, err := h.do(ctxTimeout(t), srv.URL, &request{method: http.MethodPost, path: "/x", kind: kindOnce})
		if err == nil || hits.Load() != 1 {
			t.Fatalf("hits %d, err %v", hits.Load(), err)
		}
	})
}

func TestRetryAfterHonoured(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var times []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		times = append(times, time.Now())
		n := len(times)
		mu.Unlock()
		if n == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
	}))
	defer srv.Close()
	opts := testOptions()
	opts.MaxWait = 3 * time.Second
	if _, _, err := NewHTTP(opts).do(ctxTimeout(t), srv.URL, &request{method: http.MethodGet, path: "/x"}); err != nil {
		t.Fatal(err)
	}
	if len(times) != 2 {
		t.Fatalf("attempts = %d", len(times))
	}
	if gap := times[1].Sub(times[0]); gap < 950*time.Millisecond {
		t.Fatalf("Retry-After: 1 not honoured: waited %v", gap)
	}
}

func TestRetryAfterCappedByMaxWait(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	start := time.Now()
	if _, _, err := testHTTP().do(ctxTimeout(t), srv.URL, &request{method: http.MethodGet, path: "/x"}); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > time.Second {
		t.Fatalf("Retry-After not capped by MaxWait: %v", d)
	}
}

func TestBackoff(t *testing.T) {
	t.Parallel()
	minW, maxW := 100*time.Millisecond, 2*time.Second
	for attempt := 0; attempt < 10; attempt++ {
		base := minW << attempt
		if base > maxW {
			base = maxW
		}
		for i := 0; i < 50; i++ {
			d := backoff(minW, maxW, attempt, nil)
			if d < base || d > min(base+base/2, maxW) {
				t.Fatalf("attempt %d: wait %v outside [%v, %v]", attempt, d, base, min(base+base/2, maxW))
			}
		}
	}
	resp := func(status int, retryAfter string) *http.Response {
		r := &http.Response{StatusCode: status, Header: http.Header{}}
		if retryAfter != "" {
			r.Header.Set("Retry-After", retryAfter)
		}
		return r
	}
	if d := backoff(minW, maxW, 0, resp(503, "1")); d != time.Second {
		t.Errorf("Retry-After seconds: %v", d)
	}
	if d := backoff(minW, maxW, 0, resp(429, "120")); d != maxW {
		t.Errorf("Retry-After capped: %v", d)
	}
	if d := backoff(minW, maxW, 0, resp(503, "0")); d != minW {
		t.Errorf("Retry-After 0 is at least MinWait: %v", d)
	}
	date := time.Now().Add(1500 * time.Millisecond).UTC().Format(http.TimeFormat)
	if d := backoff(minW, maxW, 0, resp(503, date)); d < 400*time.Millisecond || d > 1500*time.Millisecond {
		t.Errorf("Retry-After HTTP date: %v", d)
	}
	if d := backoff(minW, maxW, 3, resp(401, "")); d != 0 {
		t.Errorf("an authentication replay does not wait: %v", d)
	}
	if _, ok := parseRetryAfter("soon", time.Now()); ok {
		t.Error("garbage Retry-After accepted")
	}
	if _, ok := parseRetryAfter("-3", time.Now()); ok {
		t.Error("negative Retry-After accepted")
	}
	if d, ok := parseRetryAfter("Fri, 31 Dec 1999 23:59:59 GMT", time.Now()); !ok || d != 0 {
		t.Errorf("past date: %v %v", d, ok)
	}
}

func TestContextCancelDuringBackoff(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	opts := testOptions()
	opts.MinWait, opts.MaxWait = 10*time.Second, 10*time.Second
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	_, _, err := NewHTTP(opts).do(ctx, srv.URL, &request{method: http.MethodGet, path: "/x"})
	elapsed := time.Since(start)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if elapsed > 200*time.Millisecond {
		t.Fatalf("returned after %v", elapsed)
	}
	if hits.Load() != 1 {
		t.Fatalf("attempts = %d", hits.Load())
	}
}

func TestPerAttemptTimeout(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			select {
			case <-release:
			case <-r.Context().Done():
			}
			return
		}
		writeJSON(w, 200, map[string]any{})
	}))
	defer srv.Close()
	defer close(release)
	opts := testOptions()
	opts.RequestTimeout = 100 * time.Millisecond
	start := time.Now()
	cl, _, err := NewHTTP(opts).do(ctxTimeout(t), srv.URL, &request{method: http.MethodGet, path: "/x"})
	if err != nil || cl.attempts != 2 {
		t.Fatalf("attempts %d, err %v", cl.attempts, err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("took %v", d)
	}
}

// "Retry a few times" counts the server faults, not every failed attempt: an
// IM database error that comes after other transient failures is still
// retried, and three of them end the call whatever came before.
func TestServerFaultsCountedApart(t *testing.T) {
	t.Parallel()
	dbError := func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(500)
		_, _ = w.Write([]byte(`{"status":500,"messageId":"KAJY68008-E","message":"DB error"}`))
	}
	busy := func(w http.ResponseWriter) { w.WriteHeader(503) }
	ok := func(w http.ResponseWriter) { _, _ = w.Write([]byte(`{}`)) }
	for name, tc := range map[string]struct {
		answers  []func(http.ResponseWriter)
		wantErr  bool
		wantHits int32
	}{
		"a DB error after three 503s is retried": {[]func(http.ResponseWriter){busy, busy, busy, dbError, ok}, false, 5},
		"three DB errors end the call":           {[]func(http.ResponseWriter){busy, dbError, busy, dbError, dbError, ok}, true, 5},
	} {
		t.Run(name, func(t *testing.T) {
			var hits atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				n := hits.Add(1)
				tc.answers[min(int(n), len(tc.answers))-1](w)
			}))
			defer srv.Close()
			opts := testOptions()
			opts.MaxAttempts = 10
			_, _, err := NewHTTP(opts).do(ctxTimeout(t), srv.URL, &request{method: http.MethodPost, path: "/x", kind: kindCreate})
			if (err != nil) != tc.wantErr || hits.Load() != tc.wantHits {
				t.Fatalf("err %v after %d requests; want error %v after %d", err, hits.Load(), tc.wantErr, tc.wantHits)
			}
		})
	}
}
