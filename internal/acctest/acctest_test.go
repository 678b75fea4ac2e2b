package acctest

import (
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
)

func TestPrepareNeverDownloadsTerraform(t *testing.T) {
	dir := t.TempDir()
	tf := filepath.Join(dir, "terraform")
	if err := os.WriteFile(tf, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	t.Setenv("TF_ACC_TERRAFORM_PATH", "")
	t.Setenv("TF_ACC_TERRAFORM_VERSION", "1.11.4")
	t.Setenv("TF_CLI_CONFIG_FILE", filepath.Join(dir, "missing.tfrc"))
	t.Setenv("GOGC", "100") // keeps this process's collector as it is (TestDeferGC covers it)
	got, err := Prepare()
	if err != nil {
		t.Fatal(err)
	}
	if got != tf || os.Getenv("TF_ACC_TERRAFORM_PATH") != tf {
		t.Errorf("terraform %q, TF_ACC_TERRAFORM_PATH %q, want %q", got, os.Getenv("TF_ACC_TERRAFORM_PATH"), tf)
	}
	if v, ok := os.LookupEnv("TF_ACC_TERRAFORM_VERSION"); ok {
		t.Errorf("TF_ACC_TERRAFORM_VERSION=%q kept: terraform-plugin-testing would download that version", v)
	}
	if v, ok := os.LookupEnv("TF_CLI_CONFIG_FILE"); ok {
		t.Errorf("TF_CLI_CONFIG_FILE=%q kept although the file is missing", v)
	}
}

func TestPrepareWithoutTerraform(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("TF_ACC_TERRAFORM_PATH", "")
	t.Setenv("GOGC", "100")
	if _, err := Prepare(); err == nil {
		t.Error("no error although no terraform is on PATH")
	}
}

func TestDeferGC(t *testing.T) {
	for _, tc := range []struct {
		name, gogc, limit, wantGOGC, wantLimit string
		deferred                               bool
	}{
		{"deferred by default", "", "", "off", childGOMEMLIMIT, true},
		{"the user's GOGC wins", "200", "", "200", "", false},
		{"the user's GOMEMLIMIT wins", "", "1GiB", "", "1GiB", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("GOGC", tc.gogc)
			t.Setenv("GOMEMLIMIT", tc.limit)
			percent, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
			t.Cleanup(func() { debug.SetGCPercent(percent); debug.SetMemoryLimit(limit) })
			deferGC()
			if got := os.Getenv("GOGC"); got != tc.wantGOGC {
				t.Errorf("GOGC=%q for the processes started, want %q", got, tc.wantGOGC)
			}
			if got := os.Getenv("GOMEMLIMIT"); got != tc.wantLimit {
				t.Errorf("GOMEMLIMIT=%q for the processes started, want %q", got, tc.wantLimit)
			}
			gotPercent, gotLimit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
			if deferred := gotPercent < 0 && gotLimit == gcMemoryLimit; deferred != tc.deferred {
				t.Errorf("this process: GOGC %d, memory limit %d; deferred %v, want %v", gotPercent, gotLimit, deferred, tc.deferred)
			}
		})
	}
}
