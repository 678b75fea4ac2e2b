package plugin

import (
	"math"
	"os"
	"runtime/debug"
	"testing"
)

// JP1_PROVIDER_TUNING=off leaves the collector and the loggers as Go and
// terraform-plugin-go set them, so that a bug report can rule the tuning out;
// anything else (unset included) tunes both.
func TestTuningCanBeSwitchedOff(t *testing.T) {
	for _, tc := range []struct {
		value string
		tuned bool
	}{{"", true}, {"on", true}, {"off", false}, {"OFF", false}, {"0", false}, {"false", false}} {
		t.Run("JP1_PROVIDER_TUNING="+tc.value, func(t *testing.T) {
			restoreGC(t)
			for _, name := range []string{"GOGC", "GOMEMLIMIT", "TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_SDK", "TF_LOG_PROVIDER_JP1"} {
				t.Setenv(name, "")
				_ = os.Unsetenv(name)
			}
			t.Setenv(EnvTuning, tc.value)
			tune(false)
			limit := debug.SetMemoryLimit(-1)
			_, quiet := os.LookupEnv("TF_LOG_SDK")
			if tuned := limit != math.MaxInt64; tuned != tc.tuned && !gcFellBack.Load() {
				t.Errorf("memory limit %d: GC tuned %v, want %v", limit, tuned, tc.tuned)
			}
			if quiet != tc.tuned {
				t.Errorf("loggers silenced %v, want %v", quiet, tc.tuned)
			}
		})
	}
}
