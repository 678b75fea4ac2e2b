package jp1api

import (
	"context"
	"errors"
	"slices"
	"sync"
)

// listCache holds one list (IM client IDs, proxy users) for the life of the
// provider process. The first reader fetches; concurrent readers share that
// fetch; later readers get the cached list. A write invalidates it: the
// generation increases, so a fetch that started before the invalidation is
// handed to the readers that were waiting for it but never stored as fresh,
// and readers that arrive after it start a new fetch.
type listCache struct {
	mu     sync.Mutex
	gen    uint64
	valid  bool
	items  []string
	flight *listFlight
}

type listFlight struct {
	gen   uint64
	done  chan struct{}
	items []string
	err   error
}

// get returns the cached list, or the result of the one fetch in flight for
// the current generation (starting it when there is none).
func (lc *listCache) get(ctx context.Context, fetch func(context.Context) ([]string, error)) ([]string, error) {
	items, _, err := lc.getShared(ctx, fetch)
	return items, err
}

// getShared is get, and says whether the error (if any) came from another
// caller's fetch.
func (lc *listCache) getShared(ctx context.Context, fetch func(context.Context) ([]string, error)) ([]string, bool, error) {
	for {
		lc.mu.Lock()
		if lc.valid {
			out := slices.Clone(lc.items)
			lc.mu.Unlock()
			return out, false, nil
		}
		f := lc.flight
		leader := f == nil || f.gen != lc.gen
		if leader {
			f = &listFlight{gen: lc.gen, done: make(chan struct{})}
			lc.flight = f
		}
		lc.mu.Unlock()

		if leader {
			items, err := fetch(ctx)
			lc.finish(f, items, err)
		}
		select {
		case <-f.done:
		case <-ctx.Done():
			return nil, false, ctx.Err()
		}
		if f.err != nil {
			// The leader's context ended, not ours: fetch again.
			if !leader && ctx.Err() == nil && (errors.Is(f.err, context.Canceled) || errors.Is(f.err, context.DeadlineExceeded)) {
				continue
			}
			return nil, !leader, f.err
		}
		return slices.Clone(f.items), false, nil
	}
}

// getOwn is get for a caller that must answer for its own call (a create
// that lists first): when it waited for another caller's fetch and that fetch
// failed, it fetches once itself, so that its error is its own (the client may
// refuse to send it at all, having found the endpoint unreachable) rather than
// a copy of the other caller's.
func (lc *listCache) getOwn(ctx context.Context, fetch func(context.Context) ([]string, error)) ([]string, error) {
	items, others, err := lc.getShared(ctx, fetch)
	if err == nil || !others || ctx.Err() != nil {
		return items, err
	}
	lc.mu.Lock()
	gen := lc.gen
	lc.mu.Unlock()
	if items, err = fetch(ctx); err == nil {
		lc.storeIf(gen, items)
	}
	return items, err
}

func (lc *listCache) finish(f *listFlight, items []string, err error) {
	lc.mu.Lock()
	f.items, f.err = items, err
	if err == nil && f.gen == lc.gen {
		lc.items, lc.valid = slices.Clone(items), true
	}
	if lc.flight == f {
		lc.flight = nil
	}
	lc.mu.Unlock()
	close(f.done)
}

// cached returns the cached list, if there is one, and the current generation
// (for storeIf).
func (lc *listCache) cached() (items []string, gen uint64, ok bool) {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	if lc.valid {
		items = slices.Clone(lc.items)
	}
	return items, lc.gen, lc.valid
}

// invalidate drops the cached list and returns the new generation.
func (lc *listCache) invalidate() uint64 {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	lc.gen++
	lc.valid, lc.items = false, nil
	return lc.gen
}

// update records a write of this process in the cached list (add or remove one
// item), so that a fresh list stays fresh and N creates cost one list, not N.
// Like invalidate, it starts a new generation: a fetch in flight is not stored.
// Without a cached list it only invalidates. The caller must hold whatever
// serialises the writes and fetches of this list (the proxyUsers lock), so
// the list is known to change by exactly this write.
func (lc *listCache) update(item string, present bool) {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	lc.gen++
	if lc.valid {
		lc.items = slices.DeleteFunc(lc.items, func(s string) bool { return s == item })
		if present {
			lc.items = append(lc.items, item)
		}
	}
}

// storeIf stores items fetched during generation gen, unless a write
// invalidated the cache since.
func (lc *listCache) storeIf(gen uint64, items []string) {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	if gen == lc.gen {
		lc.items, lc.valid = slices.Clone(items), true
	}
}
