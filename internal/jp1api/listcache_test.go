package jp1api

import (
	"context"
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestListCacheSharesOneFetch(t *testing.T) {
	t.Parallel()
	var lc listCache
	var fetches atomic.Int32
	release := make(chan struct{})
	fetch := func(context.Context) ([]string, error) {
		fetches.Add(1)
		<-release
		return []string{"a", "b"}, nil
	}
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := lc.get(context.Background(), fetch)
			if err != nil || !slices.Equal(got, []string{"a", "b"}) {
				t.Errorf("%v %v", got, err)
			}
			got[0] = "mutated" // callers get their own copy
		}()
	}
	time.Sleep(20 * time.Millisecond)
	close(release)
	wg.Wait()
	if n := fetches.Load(); n != 1 {
		t.Fatalf("%d fetches", n)
	}
	got, _ := lc.get(context.Background(), fetch)
	if !slices.Equal(got, []string{"a", "b"}) || fetches.Load() != 1 {
		t.Fatalf("cached: %v, %d fetches", got, fetches.Load())
	}
	lc.invalidate()
	if _, err := lc.get(context.Background(), fetch); err != nil || fetches.Load() != 2 {
		t.Fatal("no refetch after invalidation")
	}
}

// A fetch that started before a write's invalidation is handed to its waiters
// but not stored; a reader arriving after the invalidation starts a new fetch.
func TestListCacheFetchRacingWrite(t *testing.T) {
	t.Parallel()
	var lc listCache
	started := make(chan struct{})
	release := make(chan struct{})
	var fetches atomic.Int32
	slow := func(context.Context) ([]string, error) {
		fetches.Add(1)
		close(started)
		<-release
		return []string{"before-write"}, nil
	}
	done := make(chan []string)
	go func() {
		got, _ := lc.get(context.Background(), slow)
		done <- got
	}()
	<-started
	gen := lc.invalidate() // the write completes while the fetch is in flight

	fresh := func(context.Context) ([]string, error) {
		fetches.Add(1)
		return []string{"after-write"}, nil
	}
	got, err := lc.get(context.Background(), fresh)
	if err != nil || !slices.Equal(got, []string{"after-write"}) {
		t.Fatalf("reader after the write: %v %v", got, err)
	}
	close(release)
	if old := <-done; !slices.Equal(old, []string{"before-write"}) {
		t.Fatalf("the waiter of the old fetch: %v", old)
	}
	got, _ = lc.get(context.Background(), fresh)
	if !slices.Equal(got, []string{"after-write"}) || fetches.Load() != 2 {
		t.Fatalf("the stale fetch was stored: %v (%d fetches)", got, fetches.Load())
	}
	lc.storeIf(gen-1, []string{"old"})
	if got, _ := lc.get(context.Background(), fresh); !slices.Equal(got, []string{"after-write"}) {
		t.Fatalf("storeIf of an old generation stored: %v", got)
	}
	lc.storeIf(gen, []string{"listed after the write"})
	if got, _ := lc.get(context.Background(), fresh); !slices.Equal(got, []string{"listed after the write"}) {
		t.Fatalf("storeIf of the current generation: %v", got)
	}
}

// When the caller running the shared fetch gives up, the others fetch again.
func TestListCacheLeaderCancelled(t *testing.T) {
	t.Parallel()
	var lc listCache
	leaderCtx, cancel := context.WithCancel(context.Background())
	started := make(chan struct{})
	var fetches atomic.Int32
	fetch := func(ctx context.Context) ([]string, error) {
		if fetches.Add(1) == 1 {
			close(started)
			<-ctx.Done()
			return nil, ctx.Err()
		}
		return []string{"x"}, nil
	}
	leaderErr := make(chan error)
	go func() {
		_, err := lc.get(leaderCtx, fetch)
		leaderErr <- err
	}()
	<-started
	follower := make(chan []string)
	go func() {
		got, err := lc.get(context.Background(), fetch)
		if err != nil {
			t.Error(err)
		}
		follower <- got
	}()
	time.Sleep(10 * time.Millisecond)
	cancel()
	if err := <-leaderErr; !errors.Is(err, context.Canceled) {
		t.Fatalf("leader: %v", err)
	}
	if got := <-follower; !slices.Equal(got, []string{"x"}) {
		t.Fatalf("follower: %v", got)
	}
}

func TestListCacheErrorNotCached(t *testing.T) {
	t.Parallel()
	var lc listCache
	var fetches atomic.Int32
	fetch := func(context.Context) ([]string, error) {
		if fetches.Add(1) == 1 {
			return nil, errors.New("boom")
		}
		return []string{"ok"}, nil
	}
	if _, err := lc.get(context.Background(), fetch); err == nil {
		t.Fatal("error lost")
	}
	if got, err := lc.get(context.Background(), fetch); err != nil || got[0] != "ok" {
		t.Fatalf("%v %v", got, err)
	}
}

// getOwn: a caller that waited for another's fetch, which failed, fetches once
// itself (its error is its own); the one that fetched keeps its error.
func TestListCacheGetOwnFetchesAfterASharedFailure(t *testing.T) {
	t.Parallel()
	var lc listCache
	var fetches atomic.Int32
	started, release := make(chan struct{}), make(chan struct{})
	fetch := func(context.Context) ([]string, error) {
		if fetches.Add(1) == 1 {
			close(started)
			<-release
			return nil, errors.New("first")
		}
		return nil, errors.New("own")
	}
	first := make(chan error, 1)
	go func() { _, err := lc.getOwn(context.Background(), fetch); first <- err }()
	<-started
	second := make(chan error, 1)
	go func() { _, err := lc.getOwn(context.Background(), fetch); second <- err }()
	time.Sleep(20 * time.Millisecond) // the second caller waits for the first fetch
	close(release)
	if err := <-first; err == nil || err.Error() != "first" {
		t.Errorf("the fetching caller: %v", err)
	}
	if err := <-second; err == nil || err.Error() != "own" {
		t.Errorf("the waiting caller: %v, want its own fetch's error", err)
	}
	if n := fetches.Load(); n != 2 {
		t.Errorf("%d fetches, want 2", n)
	}
}
