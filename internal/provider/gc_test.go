package provider

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
	TuneGC()
	if limit := debug.SetMemoryLimit(-1); limit != gcMemoryLimit {
		t.Errorf("memory limit %d, want %d", limit, gcMemoryLimit)
	}
	if pct := debug.SetGCPercent(-1); pct != -1 {
		t.Errorf("GOGC %d, want off", pct)
	}
	// A collection with a small live heap keeps the setting.
	runtime.GC()
	time.Sleep(50 * time.Millisecond)
	if gcFellBack.Load() {
		t.Error("fell back to the defaults with a live heap far below the limit")
	}
}

func TestTuneGCLeavesTheUsersSetting(t *testing.T) {
	restoreGC(t)
	t.Setenv("GOGC", "200")
	TuneGC()
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
	const limit = 8 << 20
	live := make([]byte, 2*limit) // more than half the limit, kept live below
	for i := range live {
		live[i] = 1
	}
	tuneGC(limit)
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
