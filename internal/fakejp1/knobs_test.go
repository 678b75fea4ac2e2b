package fakejp1

import (
	"context"
	"testing"
	"time"
)

func TestSleepCtx(t *testing.T) {
	t.Parallel()
	if !sleepCtx(context.Background(), 0) || !sleepCtx(context.Background(), time.Millisecond) {
		t.Error("an uncancelled wait must complete")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	if sleepCtx(ctx, time.Minute) || sleepCtx(ctx, 0) {
		t.Error("a cancelled wait must report false")
	}
	if time.Since(start) > time.Second {
		t.Error("a cancelled wait must return at once")
	}
}

func TestKnobDefaultsAndClamping(t *testing.T) {
	t.Parallel()
	s := New()
	s.mu.Lock()
	if s.imBasic || s.imTokenLifetime != time.Hour || s.analyticsTokenLifetime != 1000*time.Second ||
		s.latency != 0 || s.proxyProcessing != DefaultProxyProcessingTime || s.competingFraction != 0 {
		t.Errorf("defaults: %+v", s)
	}
	s.mu.Unlock()
	for in, want := range map[float64]float64{-1: 0, 0.25: 0.25, 2: 1} {
		s.SetCompetingLockHolder(0, in)
		s.mu.Lock()
		got := s.competingFraction
		s.mu.Unlock()
		if got != want {
			t.Errorf("SetCompetingLockHolder(%v) stored %v", in, got)
		}
	}
}
