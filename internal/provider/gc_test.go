package provider

import (
	"math"
	"os"
	"runtime/debug"
	"testing"
)

func TestTuneGC(t *testing.T) {
	// Whatever happens, the test process gets its own settings back.
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))

	for _, name := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Setenv(name, "")
		_ = os.Unsetenv(name)
	}
	TuneGC()
	if limit := debug.SetMemoryLimit(-1); limit != gcMemoryLimit {
		t.Errorf("memory limit %d, want %d", limit, gcMemoryLimit)
	}
	if pct := debug.SetGCPercent(100); pct != -1 {
		t.Errorf("GOGC %d, want off", pct)
	}

	// A user's own setting wins.
	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOGC", "200")
	TuneGC()
	if pct := debug.SetGCPercent(100); pct != 100 {
		t.Errorf("GOGC changed to %d although the user set GOGC", pct)
	}
	if limit := debug.SetMemoryLimit(-1); limit != math.MaxInt64 {
		t.Errorf("memory limit changed to %d although the user set GOGC", limit)
	}
}
