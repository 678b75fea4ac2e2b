package jp1api

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
)

// Concurrent AddProxyUser calls never overlap on the server (which fails
// any overlapping call with KAJY52013-E).
func TestProxyUsersSerialised(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	f.SetProxyProcessingTime(15 * time.Millisecond) // an overlapping call would find the lock held
	c := f.im(testHTTP())
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
	if n := f.ProxyOverlaps(); n != 0 {
		t.Fatalf("%d overlapping proxyUsers calls", n)
	}
	if n := f.proxyCalls(); n != 9 {
		t.Fatalf("%d proxyUsers calls, want 9", n)
	}
	if users := f.ProxyUsers(); len(users) != 8 || users["user03"] != "pw-3" {
		t.Fatalf("%d users, user03's password %q", len(users), users["user03"])
	}
}

// Another process holds the manager's lock: KAJY52013-E is retried with backoff.
func TestProxyUsersCompetingHolder(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	f.AddFault(fakejp1.Fault{Endpoint: keyProxyAny, Status: 500, MessageID: "KAJY52013-E", Times: 3})
	if err := f.im(testHTTP()).AddProxyUser(ctxTimeout(t), "u1", "p1"); err != nil {
		t.Fatal(err)
	}
	if n := f.Count(keyProxyAdd); n != 4 {
		t.Fatalf("%d attempts, want 4", n)
	}
	// a holder that never lets go: the error says what happened
	f.SetCompetingLockHolder(0, 1)
	err := f.im(testHTTP()).AddProxyUser(ctxTimeout(t), "u1", "p1")
	var e *APIError
	if !errors.As(err, &e) || e.Attempts != 5 || e.Hint == "" {
		t.Fatalf("%v", err)
	}
}

// The lock is context-aware: a caller waiting for it gives up when its ctx ends.
func TestProxyUsersLockRespectsContext(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	c := f.im(testHTTP())
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
	if f.proxyCalls() != 0 {
		t.Fatal("sent without the lock")
	}
}

func TestProxyUsersRemove(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	f.PutProxyUser("u1", "p")
	c := f.im(testHTTP())
	if err := c.RemoveProxyUser(ctxTimeout(t), "u1"); err != nil {
		t.Fatal(err)
	}
	// a 200 answer is the proof: one call, no confirming list
	if n := f.proxyCalls(); n != 1 {
		t.Fatalf("%d calls", n)
	}
	users, err := c.ListProxyUsers(ctxTimeout(t))
	if err != nil || slices.Contains(users, "u1") || f.proxyCalls() != 2 {
		t.Fatalf("%v %v (%d calls)", users, err, f.proxyCalls())
	}
	// unknown ID: 400 KAJY52012-E, then absent from the list: removed; the
	// confirming list fills the cache
	if err := c.RemoveProxyUser(ctxTimeout(t), "never"); err != nil {
		t.Fatal(err)
	}
	if n := f.proxyCalls(); n != 4 {
		t.Fatalf("%d calls after rm + confirming list", n)
	}
	if _, err := c.ListProxyUsers(ctxTimeout(t)); err != nil || f.proxyCalls() != 4 {
		t.Fatalf("%v: the confirming list did not fill the cache (%d calls)", err, f.proxyCalls())
	}
	// KAJY52012-E while the user is still listed: a real parameter error, reported
	f.PutProxyUser("stuck", "p")
	f.AddFault(fakejp1.Fault{Endpoint: keyProxyRm, Status: 400, MessageID: "KAJY52012-E"})
	err = c.RemoveProxyUser(ctxTimeout(t), "stuck")
	if MessageID(err) != "KAJY52012-E" {
		t.Fatalf("a still-listed user was reported removed: %v", err)
	}
}

func TestProxyUsersListCache(t *testing.T) {
	t.Parallel()
	f := startFake(t)
	f.SetProxyProcessingTime(30 * time.Millisecond) // the readers arrive while the first list is in flight
	f.PutProxyUser("a", "p")
	c := f.im(testHTTP())
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
	if n := f.proxyCalls(); n != 1 {
		t.Fatalf("%d list calls for 10 concurrent readers", n)
	}
	if err := c.AddProxyUser(ctxTimeout(t), "b", "p"); err != nil {
		t.Fatal(err)
	}
	u, err := c.ListProxyUsers(ctxTimeout(t))
	if err != nil || !slices.Equal(u, []string{"a", "b"}) || f.proxyCalls() != 3 {
		t.Fatalf("%v %v", u, err)
	}
}
