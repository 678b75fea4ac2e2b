package jp1api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"
)

// Concurrent AddProxyUser calls never overlap on the server (which fails
// any overlapping call with KAJY52013-E).
func TestProxyUsersSerialised(t *testing.T) {
	f := newIMFake(t)
	f.proxyDelay = 15 * time.Millisecond
	c := f.client(testHTTP())
	var wg sync.WaitGroup
	errs := make(chan error, 9)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- c.AddProxyUser(ctxTimeout(t), fmt.Sprintf("user%02d", i), fmt.Sprintf("pw-%d", i))
		}()
	}
	wg.Add(1)
	go func() { // a reader joins in
		defer wg.Done()
		_, err := c.ListProxyUsers(ctxTimeout(t))
		errs <- err
	}()
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := f.proxyOverlaps.Load(); n != 0 {
		t.Fatalf("%d overlapping proxyUsers calls", n)
	}
	if n := f.counts.get(imProxyUsersPath); n != 9 {
		t.Fatalf("%d proxyUsers calls, want 9", n)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.proxy) != 8 || f.proxy["user03"] != "pw-3" {
		t.Fatalf("%v", f.proxy)
	}
}

// Another process holds the manager's lock: KAJY52013-E is retried with backoff.
func TestProxyUsersCompetingHolder(t *testing.T) {
	f := newIMFake(t)
	f.hook = func(w http.ResponseWriter, r *http.Request, n int, body map[string]any) bool {
		if r.URL.Path == imProxyUsersPath && n <= 3 {
			imError(w, 500, "KAJY52013-E", "The exclusive lock could not be obtained.", 2)
			return true
		}
		return false
	}
	if err := f.client(testHTTP()).AddProxyUser(ctxTimeout(t), "u1", "p1"); err != nil {
		t.Fatal(err)
	}
	if n := f.counts.get(imProxyUsersPath); n != 4 {
		t.Fatalf("%d attempts, want 4", n)
	}
	// a holder that never lets go: the error says what happened
	f.hook = func(w http.ResponseWriter, r *http.Request, n int, body map[string]any) bool {
		imError(w, 500, "KAJY52013-E", "The exclusive lock could not be obtained.", 2)
		return true
	}
	err := f.client(testHTTP()).AddProxyUser(ctxTimeout(t), "u1", "p1")
	var e *APIError
	if !errors.As(err, &e) || e.Attempts != 5 || e.Hint == "" {
		t.Fatalf("%v", err)
	}
}

// The lock is context-aware: a caller waiting for it gives up when its ctx ends.
func TestProxyUsersLockRespectsContext(t *testing.T) {
	f := newIMFake(t)
	c := f.client(testHTTP())
	if err := c.proxyLock.acquire(ctxTimeout(t)); err != nil {
		t.Fatal(err)
	}
	defer c.proxyLock.release()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := c.AddProxyUser(ctx, "u", "p")
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 500*time.Millisecond {
		t.Fatalf("%v after %v", err, time.Since(start))
	}
	if f.counts.get(imProxyUsersPath) != 0 {
		t.Fatal("sent without the lock")
	}
}

func TestProxyUsersRemove(t *testing.T) {
	f := newIMFake(t)
	f.proxy["u1"] = "p"
	c := f.client(testHTTP())
	if err := c.RemoveProxyUser(ctxTimeout(t), "u1"); err != nil {
		t.Fatal(err)
	}
	// a 200 answer is the proof: one call, no confirming list
	if n := f.counts.get(imProxyUsersPath); n != 1 {
		t.Fatalf("%d calls", n)
	}
	users, err := c.ListProxyUsers(ctxTimeout(t))
	if err != nil || slices.Contains(users, "u1") || f.counts.get(imProxyUsersPath) != 2 {
		t.Fatalf("%v %v (%d calls)", users, err, f.counts.get(imProxyUsersPath))
	}
	// unknown ID: 400 KAJY52012-E, then absent from the list: removed; the
	// confirming list fills the cache
	if err := c.RemoveProxyUser(ctxTimeout(t), "never"); err != nil {
		t.Fatal(err)
	}
	if n := f.counts.get(imProxyUsersPath); n != 4 {
		t.Fatalf("%d calls after rm + confirming list", n)
	}
	if _, err := c.ListProxyUsers(ctxTimeout(t)); err != nil || f.counts.get(imProxyUsersPath) != 4 {
		t.Fatalf("%v: the confirming list did not fill the cache (%d calls)", err, f.counts.get(imProxyUsersPath))
	}
	// KAJY52012-E while the user is still listed: a real parameter error, reported
	f.proxy["stuck"] = "p"
	f.hook = func(w http.ResponseWriter, r *http.Request, n int, body map[string]any) bool {
		if body["op"] == "rm" {
			w.WriteHeader(400)
			_, _ = w.Write([]byte(`{"status":400,"messageId":"KAJY52012-E","message":"Invalid parameter.","returnCode":3}`))
			return true
		}
		return false
	}
	err = c.RemoveProxyUser(ctxTimeout(t), "stuck")
	if MessageID(err) != "KAJY52012-E" {
		t.Fatalf("a still-listed user was reported removed: %v", err)
	}
}

func TestProxyUsersListCache(t *testing.T) {
	f := newIMFake(t)
	f.proxyDelay = 30 * time.Millisecond
	f.proxy["a"] = "p"
	c := f.client(testHTTP())
	var wg sync.WaitGroup
	results := make(chan []string, 10)
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			u, err := c.ListProxyUsers(ctxTimeout(t))
			if err != nil {
				t.Error(err)
			}
			results <- u
		}()
	}
	wg.Wait()
	close(results)
	for u := range results {
		if !slices.Equal(u, []string{"a"}) {
			t.Fatalf("%v", u)
		}
	}
	if n := f.counts.get(imProxyUsersPath); n != 1 {
		t.Fatalf("%d list calls for 10 concurrent readers", n)
	}
	if err := c.AddProxyUser(ctxTimeout(t), "b", "p"); err != nil {
		t.Fatal(err)
	}
	u, err := c.ListProxyUsers(ctxTimeout(t))
	if err != nil || !slices.Equal(u, []string{"a", "b"}) || f.counts.get(imProxyUsersPath) != 3 {
		t.Fatalf("%v %v", u, err)
	}
}
