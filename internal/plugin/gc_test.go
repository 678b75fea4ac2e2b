package plugin

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// restoreGC gives the test process its own GC settings back.
func restoreGC(t *testing.T) {
	pct, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() {
		debug.SetGCPercent(pct)
		debug.SetMemoryLimit(limit)
	})
}

func TestTuneGC(t *testing.T) {
	restoreGC(t)
	for _, name := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Setenv(name, "")
		_ = os.Unsetenv(name)
	}
	tuneGC()
	limit, pct := debug.SetMemoryLimit(-1), debug.SetGCPercent(-1)
	if gcFellBack.Load() {
		// This test process's live heap (earlier acceptance tests) is past half
		// the limit and a collection ran meanwhile: the fallback, tested below.
		t.Skip("the test process's live heap is too large to observe the soft limit")
	}
	if limit != gcMemoryLimit {
		t.Errorf("memory limit %d, want %d", limit, gcMemoryLimit)
	}
	if pct != -1 {
		t.Errorf("GOGC %d, want off", pct)
	}
}

// A live heap well below half the limit keeps the setting through collections.
// (The limit is set from this test process's own live heap, which earlier
// acceptance tests leave at whatever size.)
func TestTuneGCKeepsTheLimitWhileTheHeapIsSmall(t *testing.T) {
	restoreGC(t)
	runtime.GC()
	setSoftGCLimit(int64(4*liveHeapBytes()) + 64<<20)
	for range 3 {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if gcFellBack.Load() {
		t.Error("fell back to the defaults with a live heap far below the limit")
	}
	if pct := debug.SetGCPercent(-1); pct != -1 {
		t.Errorf("GOGC %d, want still off", pct)
	}
}

func TestTuneGCLeavesTheUsersSetting(t *testing.T) {
	restoreGC(t)
	t.Setenv("GOGC", "200")
	tuneGC()
	if pct := debug.SetGCPercent(100); pct != 100 {
		t.Errorf("GOGC changed to %d although the user set GOGC", pct)
	}
	if limit := debug.SetMemoryLimit(-1); limit != math.MaxInt64 {
		t.Errorf("memory limit changed to %d although the user set GOGC", limit)
	}
}

// A live heap past half the limit brings Go's defaults back, so the collector
// never runs back to back.
func TestTuneGCFallsBackWhenTheLiveHeapGrows(t *testing.T) {
	restoreGC(t)
	runtime.GC()
	limit := int64(liveHeapBytes()) + 8<<20
	live := make([]byte, limit) // the live heap passes half the limit; kept live below
	for i := range live {
		live[i] = 1
	}
	setSoftGCLimit(limit)
	deadline := time.Now().Add(5 * time.Second)
	for !gcFellBack.Load() && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	runtime.KeepAlive(live)
	if !gcFellBack.Load() {
		t.Fatal("the live heap is past half the limit, but the soft limit stayed")
	}
	if pct := debug.SetGCPercent(100); pct != 100 {
		t.Errorf("GOGC %d after the fallback, want 100", pct)
	}
	if l := debug.SetMemoryLimit(-1); l != math.MaxInt64 {
		t.Errorf("memory limit %d after the fallback, want none", l)
	}
}
