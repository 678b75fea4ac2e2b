package plugin

import (
	"context"
	"sync"
	"time"
)

// releasableContext is the request's context until release; after it, a
// canceled context without values (the gRPC stream's context is canceled
// when the RPC ends anyway), so that whoever still holds it holds nothing else.
type releasableContext struct {
	mu  sync.RWMutex
	ctx context.Context
}

// releasedContext is what a releasableContext answers after release.
var releasedContext = func() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}()

func newReleasableContext(ctx context.Context) *releasableContext {
	return &releasableContext{ctx: ctx}
}

func (c *releasableContext) get() context.Context {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.ctx
}

func (c *releasableContext) release() {
	c.mu.Lock()
	c.ctx = releasedContext
	c.mu.Unlock()
}

func (c *releasableContext) Deadline() (time.Time, bool) { return c.get().Deadline() }
func (c *releasableContext) Done() <-chan struct{}       { return c.get().Done() }
func (c *releasableContext) Err() error                  { return c.get().Err() }
func (c *releasableContext) Value(key any) any           { return c.get().Value(key) }
